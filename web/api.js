// The API as the page uses it: the token from the sign-in form or the
// /#token= fragment, kept in this tab's sessionStorage and sent as the
// Bearer header of every call. A 401 means the token is gone (wrong,
// revoked): the caller returns to the sign-in form.

const TOKEN_KEY = 'vigil.token';

export class Unauthorized extends Error {
  constructor() {
    super('the token was not accepted');
  }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

// `/#token=TOKEN`: the fragment never reaches the server. Kept, then taken
// out of the address bar (and so out of history and bookmarks).
export function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const value = params.get('token');
  if (value === null) return false;
  history.replaceState(null, '', location.pathname + location.search);
  if (value.trim() === '') return false;
  signIn(value);
  return true;
}

// GET (or POST with a JSON body) `path`; resolves to {status, etag, data}.
// With `etag`, a 304 resolves to {status: 304} and the caller keeps what it
// has. Throws Unauthorized on 401 and ApiError with the API's message on
// any other failure.
export async function call(path, { method = 'GET', body, etag } = {}) {
  const current = token();
  if (!current) throw new Unauthorized();
  const headers = { Authorization: `Bearer ${current}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-None-Match'] = etag;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    throw new ApiError(0, `the daemon did not answer (${error.message})`);
  }
  if (response.status === 401) throw new Unauthorized();
  if (response.status === 304) return { status: 304, etag };
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && typeof data.error === 'string' ? data.error : text || response.statusText;
    throw new ApiError(response.status, message);
  }
  return { status: response.status, etag: response.headers.get('ETag'), data };
}
