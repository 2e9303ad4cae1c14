package io.timetracker.connector.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import org.junit.jupiter.api.Test;

class KeysetsTest {

  @Test
  void generatesAParsableAes256GcmKeyset() throws Exception {
    String json = Keysets.generate();

    KeysetHandle handle = Keysets.parse(json);

    assertThat(handle.size()).isEqualTo(1);
    assertThat(json).contains("AesGcmKey").contains("\"primaryKeyId\"");
  }

  @Test
  void rotationAddsANewPrimaryAndKeepsTheOldKey() throws Exception {
    String original = Keysets.generate();

    String rotated = Keysets.rotate(original);

    KeysetHandle handle = Keysets.parse(rotated);
    assertThat(handle.size()).isEqualTo(2);
    assertThat(Keysets.keyIds(handle)).contains(Keysets.parse(original).getPrimary().getId());
    assertThat(Keysets.primaryKeyId(rotated)).isNotEqualTo(Keysets.primaryKeyId(original));
  }
}
