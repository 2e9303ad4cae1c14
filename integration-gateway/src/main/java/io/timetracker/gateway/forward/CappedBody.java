package io.timetracker.gateway.forward;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body streamed on as it arrives, cut off once more than {@code max} bytes have passed:
 * then {@code onExceeded} runs once and nothing more is handed on. Keeps the bytes unchanged.
 */
final class CappedBody implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final long max;
  private final Runnable onExceeded;
  private long seen;
  private boolean exceeded;

  CappedBody(ReadStream<Buffer> source, long max, Runnable onExceeded) {
    this.source = source;
    this.max = max;
    this.onExceeded = onExceeded;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
      return this;
    }
    source.handler(
        chunk -> {
          if (exceeded) {
            return;
          }
          seen += chunk.length();
          if (seen > max) {
            exceeded = true;
            onExceeded.run();
            return;
          }
          handler.handle(chunk);
        });
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(
        endHandler == null
            ? null
            : v -> {
              if (!exceeded) {
                endHandler.handle(v);
              }
            });
    return this;
  }
}
