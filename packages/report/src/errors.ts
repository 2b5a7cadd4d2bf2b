/**
 * A question the report layer cannot answer as asked, found before any request: `field` names the
 * part of the question (`window.since`, `grain`, `dimensions[1]`, `filters.model`...) and the
 * message says what is allowed.
 */
export class ReportQuestionError extends Error {
  /** The part of the question that is wrong. */
  readonly field: string;

  /**
   * @param message What is wrong and what is allowed.
   * @param field The part of the question.
   */
  constructor(message: string, field: string) {
    super(`${field}: ${message}`);
    this.name = 'ReportQuestionError';
    this.field = field;
  }
}
