/** Every REST call goes to this same-origin path: relative URLs get the XSRF header from HttpClient. */
export const API_BASE = '/api/v1';
