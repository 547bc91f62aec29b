import { sendError } from '@onething/runtime/http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { graphiqlAssets } from './graphiql-assets';

/**
 * GraphiQL at /graphiql, entirely from local files (the stock landing page loads from the internet, which
 * a government network may not reach). A token, a query and its variables can be handed over in the URL
 * fragment, `#token=…&query=…&variables=…` (URI-encoded), which never reaches a server log.
 */
const DEFAULT_QUERY = `# One schema over four departments' systems. Press ▶ to run.
# Sign in: start the page as http://…/graphiql#token=<a token from the identity provider>.
query MyRecords {
  me {
    idNumber
    taxpayer { name status arrears updatedAt }
    representedEnterprises { uscc name status }
    properties { unitCode address area mortgages { mortgagee amount } }
    fundAccount { personalAccount balance status updatedAt }
  }
  taxItems { code name { zh en } promisedLimitDays }
}
`;

const SETUP = `(function () {
  function param(name) {
    var m = new RegExp('(?:^|[#&])' + name + '=([^&]+)').exec(location.hash);
    return m ? decodeURIComponent(m[1]) : undefined;
  }
  var token = param('token');
  var query = param('query');
  var variables = param('variables');
  var headers = token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : '{}';
  if (location.hash) history.replaceState(null, '', location.pathname);
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var props = { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultHeaders: headers, shouldPersistHeaders: false, defaultEditorToolsVisibility: variables ? 'variables' : token ? 'headers' : false };
  if (query) props.query = query;
  if (variables) props.variables = variables;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>One thing (一件事) — GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/setup.js"></script>
</body>
</html>
`;

/** Its own files only, nothing inline but styles, never framed: a page that holds a token must not be. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const HARDENED = {
  'content-security-policy': GRAPHIQL_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const notFound = (reply: FastifyReply, message: string) =>
  sendError(reply.headers(HARDENED), 'NOT_FOUND', message);

/** Registers /graphiql and its assets; where the schema may not be listed (`enabled` false), 404 saying so. */
export function registerGraphiql(app: FastifyInstance, options: { enabled: boolean }): void {
  if (!options.enabled) {
    const off = (_: unknown, reply: FastifyReply) =>
      notFound(
        reply,
        'GraphiQL is off here: the schema may not be listed (ALLOW_INTROSPECTION is false, as production defaults)',
      );
    app.get('/graphiql', off);
    app.get('/graphiql/*', off);
    return;
  }
  const assets = graphiqlAssets(SETUP);
  app.get('/graphiql', async (_, reply) =>
    reply.headers(HARDENED).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(PAGE),
  );
  app.get<{ Params: { '*': string } }>('/graphiql/assets/*', async (req, reply) => {
    const asset = assets.get(req.params['*']);
    if (!asset) return notFound(reply, `GraphiQL has no asset ${req.params['*'].slice(0, 100)}`);
    return reply
      .headers(HARDENED)
      .header('cache-control', 'public, max-age=86400')
      .type(asset.type)
      .send(asset.body);
  });
}
