/** A GraphQL call to the public gateway, as any client would make it. */
export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

const MAX_WAIT_SECONDS = 60;

async function post(url: string, body: string, token: string | undefined): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    // The gateway rate-limits per client: wait as told and go on, rather than fail half-way.
    if (response.status !== 429 || attempt >= 3) return response;
    const wait = Math.min(MAX_WAIT_SECONDS, Number(response.headers.get('retry-after')) || 10);
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await post(url, JSON.stringify({ query, variables }), token);
  const text = await response.text();
  let body: { data?: T; errors?: GraphQLError[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length)
    throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')}`);
  if (!body.data) throw new Error(`${url} answered ${response.status} without data`);
  return body.data;
}

/** Throws when a mutation payload carries user errors. */
export function expectNoUserErrors(what: string, errors: UserError[]): void {
  if (errors.length) throw new Error(`${what}: ${errors.map((e) => `${e.field?.join('.') ?? '-'}: ${e.message}`).join('; ')}`);
}
