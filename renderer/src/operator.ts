/**
 * Who is at the till, named on every money-moving call. There is no operator sign-in yet, so
 * every call names the one till operator; when sign-in arrives this becomes the signed-in id.
 */
export const operatorId = 'cashier';
