package dev.forewarn.rules;

/**
 * A rule document was refused. The message names the offending field by its JSON path (for example
 * {@code sustainedFor} or {@code scope.models[1]}) and says what is wrong with it.
 */
public final class RuleValidationException extends RuntimeException {

  private final String field;

  public RuleValidationException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** JSON path of the field that is wrong, or {@code $} for the document as a whole. */
  public String field() {
    return field;
  }
}
