import { describe, expect, it } from 'vitest';
import { forwardedHeaders, pickHeaders, subgraphHeaders, subgraphSelection } from './subgraph-headers';

describe('what each subgraph is sent', () => {
  const plan = (identity: string, forward: string) =>
    subgraphHeaders({
      identitySubgraphs: subgraphSelection('*').parse(identity),
      forwardHeaders: forwardedHeaders().parse(forward),
    });

  it('sends our identity header to every subgraph and passes nothing on, by default', () => {
    const headers = subgraphHeaders({
      identitySubgraphs: subgraphSelection('*').parse(undefined),
      forwardHeaders: forwardedHeaders().parse(undefined),
    });
    expect(headers.signsIdentity).toBe(true);
    expect(headers.for('tax')).toEqual({ identity: true, forward: [] });
    expect(headers.clientHeaders).toEqual([]);
  });

  it('sends the identity header to the subgraphs named, and client headers per subgraph and to all', () => {
    const headers = plan('books', '*=Authorization,books=accept-language,books=authorization');
    expect(headers.for('books')).toEqual({ identity: true, forward: ['authorization', 'accept-language'] });
    expect(headers.for('reviews')).toEqual({ identity: false, forward: ['authorization'] });
    expect(headers.clientHeaders.sort()).toEqual(['accept-language', 'authorization']);
  });

  it('signs nothing when no subgraph gets the identity header', () => {
    const headers = plan('none', '');
    expect(headers.signsIdentity).toBe(false);
    expect(headers.for('books').identity).toBe(false);
  });

  it('refuses what is not subgraph=header, and headers that are the gateway’s own', () => {
    const result = forwardedHeaders().safeParse('authorization,*=x-onething-identity,books=host,b=ok header');
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/"authorization" is not subgraph=header/);
    expect(messages[1]).toMatch(/"x-onething-identity" is never passed on/);
    expect(messages[2]).toMatch(/"host" is never passed on/);
    expect(subgraphSelection('*').safeParse('books, two words').success).toBe(false);
  });

  it('picks the named headers of a request, a repeated one joined', () => {
    expect(
      pickHeaders({ authorization: 'Bearer x', 'x-tag': ['a', 'b'], cookie: 'c=1' }, [
        'authorization',
        'x-tag',
      ]),
    ).toEqual({ authorization: 'Bearer x', 'x-tag': 'a, b' });
  });
});
