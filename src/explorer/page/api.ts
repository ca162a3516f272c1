/** GraphQL over the API's own origin, with the bearer key typed once and kept in sessionStorage. */
const KEY_STORAGE = 'helix.explorer.key';

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function authHeaders(): Record<string, string> {
  const key = storedKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Asks for the key in a modal dialog (one at a time, however many requests were refused). */
let asking: Promise<void> | undefined;
function askForKey(): Promise<void> {
  asking ??= new Promise<void>((resolve) => {
    const dialog = document.getElementById('key-dialog') as HTMLDialogElement;
    const input = document.getElementById('key-input') as HTMLInputElement;
    const form = document.getElementById('key-form') as HTMLFormElement;
    input.value = '';
    form.addEventListener(
      'submit',
      () => {
        sessionStorage.setItem(KEY_STORAGE, input.value.trim());
        asking = undefined;
        resolve();
      },
      { once: true },
    );
    dialog.showModal();
    input.focus();
  });
  return asking;
}

interface GqlBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  for (;;) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
    if (res.status === 401) {
      await askForKey();
      continue;
    }
    const body = (await res.json()) as GqlBody<T>;
    const first = body.errors?.[0];
    if (first) throw new ApiError(first.message, first.extensions?.code);
    if (!body.data) throw new ApiError(`HTTP ${res.status}`, undefined);
    return body.data;
  }
}
