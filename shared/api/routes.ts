/** The HTTP API's routes, as API Gateway names them: the stack, the local server and the handler share them. */
export const ROUTES = {
  article: { method: 'GET', path: '/articles/{key+}' },
  articles: { method: 'GET', path: '/articles' },
  openapi: { method: 'GET', path: '/openapi.json' },
} as const;

export type RouteName = keyof typeof ROUTES;

export function routeKey(route: RouteName): string {
  return `${ROUTES[route].method} ${ROUTES[route].path}`;
}
