/** Every API error is JSON `{ "error": { "code", "message" } }` with a matching HTTP status. */
export const API_ERROR_CODES = {
  bad_parameter: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  method_not_allowed: 405,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERROR_CODES[code];
  }

  toJSON(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badParameter = (name: string, message: string): ApiError => new ApiError('bad_parameter', `${name}: ${message}`);
export const notFound = (message: string): ApiError => new ApiError('not_found', message);
