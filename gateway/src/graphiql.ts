import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * GraphiQL at /graphiql, entirely from local files (the stock landing page loads from the internet, which
 * a government network may not reach). A token, a query and its variables can be handed over in the URL
 * fragment, `#token=…&query=…&variables=…` (URI-encoded), which never reaches a server log.
 */
const require = createRequire(import.meta.url);
const dirOf = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
const ASSETS: Record<string, { file: string; type: string }> = {
  'graphiql.min.js': { file: join(dirOf('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: join(dirOf('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  'react.production.min.js': {
    file: join(dirOf('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.production.min.js': {
    file: join(dirOf('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
};

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

const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; script-src 'self'";

/** Registers /graphiql and its assets; where the schema may not be listed (`enabled` false), 404 saying so. */
export function registerGraphiql(app: FastifyInstance, options: { enabled: boolean }): void {
  if (!options.enabled) {
    const off = (_: unknown, reply: FastifyReply) =>
      reply
        .code(404)
        .type('application/json; charset=utf-8')
        .send({
          errors: [
            {
              message:
                'GraphiQL is off here: the schema may not be listed (ALLOW_INTROSPECTION is false, as production defaults)',
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
    app.get('/graphiql', off);
    app.get('/graphiql/*', off);
    return;
  }
  app.get('/graphiql', async (_, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(PAGE),
  );
  app.get('/graphiql/assets/setup.js', async (_, reply) => reply.type('text/javascript').send(SETUP));
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).send({ error: 'no such asset' });
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(asset.file));
  });
}
