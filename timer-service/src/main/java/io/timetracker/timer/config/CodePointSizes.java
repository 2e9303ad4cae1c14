package io.timetracker.timer.config;

import io.quarkus.hibernate.validator.HibernateValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.internal.constraintvalidators.bv.size.SizeValidatorForArray;
import org.hibernate.validator.internal.constraintvalidators.bv.size.SizeValidatorForCollection;
import org.hibernate.validator.internal.constraintvalidators.bv.size.SizeValidatorForMap;

/**
 * Makes {@code @Size} count characters (Unicode code points) on text, the unit in which PostgreSQL
 * measures {@code varchar(n)} and in which connectors cut titles: by default it counts UTF-16
 * units, so a 200-character title of emoji would be refused although the column holds it.
 * Collections, maps and arrays keep the standard validators.
 */
@ApplicationScoped
public class CodePointSizes implements HibernateValidatorFactoryCustomizer {

  @Override
  public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
    ConstraintMapping mapping = configuration.createConstraintMapping();
    mapping
        .constraintDefinition(Size.class)
        .includeExistingValidators(false)
        .validatedBy(ForText.class)
        .validatedBy(SizeValidatorForCollection.class)
        .validatedBy(SizeValidatorForMap.class)
        .validatedBy(SizeValidatorForArray.class);
    configuration.addMapping(mapping);
  }

  /** Characters of a text: null is valid, as for every {@code @Size}. */
  public static int length(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }

  /** {@code @Size} on text, counted in code points. */
  public static class ForText implements ConstraintValidator<Size, CharSequence> {
    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
      min = size.min();
      max = size.max();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      int length = length(value);
      return length >= min && length <= max;
    }
  }
}
