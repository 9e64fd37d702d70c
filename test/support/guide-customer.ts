/** The payments guide's example customer and test card, as the request fixtures of every suite use them. */

export const guideBillTo = {
  firstName: 'John',
  lastName: 'Doe',
  address1: '1 Market St',
  locality: 'san francisco',
  administrativeArea: 'CA',
  postalCode: '94105',
  country: 'US',
  email: 'test@vas.com',
};

export function guideKeyedCard(number = '4111111111111111') {
  return { number, expirationMonth: '12', expirationYear: '2031', securityCode: '123' };
}
