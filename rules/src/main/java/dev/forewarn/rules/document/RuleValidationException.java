package dev.forewarn.rules.document;

/**
 * A rule document was refused. The message names the offending field by its JSON path (for example
 * {@code sustainedFor} or {@code condition.conditions[1].window}) and says what is wrong with it.
 */
public final class RuleValidationException extends RuntimeException {

  private final String field;
  private final String problem;

  public RuleValidationException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** JSON path of the field that is wrong, or {@code $} for the document as a whole. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without its path. */
  public String problem() {
    return problem;
  }

  /** The same problem with the field named under {@code parent} ({@code condition.window}). */
  RuleValidationException under(String parent) {
    return parent.isEmpty() ? this : new RuleValidationException(parent + "." + field, problem);
  }
}
