/**
 * Errors are values with stable codes. The code is the contract: the till maps it to a message in
 * Bahasa Indonesia or English at the edge, the server raises the same code from SQL, and tests
 * assert on it. Messages are for logs only and may change freely.
 *
 * Features own their codes: a feature declares its own `as const` object next to its model and
 * throws `new DomainError(ItsCode.X)`; the codes below belong to the shared money core.
 */
export const ErrorCode = {
  // amounts and money input
  INVALID_AMOUNT: 'invalid_amount',
  AMOUNT_OVERFLOW: 'amount_overflow',
  NEGATIVE_AMOUNT: 'negative_amount',
  INVALID_MONEY_FORMAT: 'invalid_money_format',
  TOO_MANY_DECIMALS: 'too_many_decimals',
  UNKNOWN_CURRENCY: 'unknown_currency',
  INVALID_CURRENCY_EXPONENT: 'invalid_currency_exponent',
  UNSUPPORTED_LOCALE: 'unsupported_locale',
  INVALID_ROUNDING_STEP: 'invalid_rounding_step',
  // carts and totals
  INVALID_CART: 'invalid_cart',
  EMPTY_CART: 'empty_cart',
  INVALID_QUANTITY: 'invalid_quantity',
  INVALID_TAX_RATE: 'invalid_tax_rate',
  INVALID_TAX_MODE: 'invalid_tax_mode',
  INVALID_DISCOUNT: 'invalid_discount',
  DISCOUNT_EXCEEDS_LINE: 'discount_exceeds_line',
  DISCOUNT_EXCEEDS_ORDER: 'discount_exceeds_order',
  // tender
  INVALID_PAYMENT: 'invalid_payment',
  INVALID_PAYMENT_METHOD: 'invalid_payment_method',
  INSUFFICIENT_PAYMENT: 'insufficient_payment',
  OVERPAYMENT_NONCASH: 'overpayment_noncash',
  // receipt numbers
  INVALID_RECEIPT_NUMBER: 'invalid_receipt_number',
  INVALID_OUTLET_CODE: 'invalid_outlet_code',
  INVALID_DEVICE_CODE: 'invalid_device_code',
  INVALID_COUNTER: 'invalid_counter',
  COUNTER_EXHAUSTED: 'counter_exhausted',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface DomainErrorOptions {
  readonly message?: string;
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

export class DomainError<C extends string = ErrorCode> extends Error {
  override readonly name = 'DomainError';
  readonly code: C;
  readonly details: ErrorDetails | undefined;

  constructor(code: C, options: DomainErrorOptions = {}) {
    super(options.message ?? code, options.cause === undefined ? {} : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/** Narrows an unknown thrown value; pass a code to also check which error it is. */
export function isDomainError<C extends string>(error: unknown, code?: C): error is DomainError<C> {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

/** Shorthand for the many validation sites: `fail(ErrorCode.X, { field: 'lines[0].quantity' })`. */
export function fail<C extends string = ErrorCode>(
  code: C,
  details?: ErrorDetails,
  message?: string,
): never {
  const options: { details?: ErrorDetails; message?: string } = {};
  if (details !== undefined) options.details = details;
  if (message !== undefined) options.message = message;
  throw new DomainError(code, options);
}
