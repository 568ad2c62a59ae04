/** Error codes that cross the API boundary; a window can switch on them. */
export type ApiErrorCode =
  'BAD_REQUEST' | 'UNKNOWN_METHOD' | 'FORBIDDEN' | 'REJECTED' | 'UNAVAILABLE' | 'INTERNAL';

export interface ApiErrorPayload {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** Dotted path of the offending field for BAD_REQUEST, e.g. `quantity` or `limitPrice`. */
  readonly field?: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  toPayload(): ApiErrorPayload {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
  static fromPayload(payload: ApiErrorPayload): ApiError {
    return new ApiError(payload.code, payload.message, payload.field);
  }
}
