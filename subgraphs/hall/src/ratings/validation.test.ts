import { hallSubgraphSdl } from '@onething/schema';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RATING_REASON_CODES } from './reasons';
import { checkRating, type RatingContext } from './validation';

const name = (zh: string, en: string) => ({ zh, en });
const context: RatingContext = {
  status: 'IN_PROGRESS',
  parts: [
    { id: 'tax', status: 'APPROVED', name: name('契税申报', 'Deed tax declaration') },
    { id: 'fund', status: 'REJECTED', name: name('购房提取', 'Purchase withdrawal') },
    { id: 'registry', status: 'IN_REVIEW', name: name('转移登记', 'Transfer registration') },
  ],
  windowRated: false,
  partsRated: new Set(),
};

describe('a rating is checked whole (一次告知)', () => {
  it('takes finished parts as soon as they are done, good or bad with reasons', () => {
    expect(
      checkRating(
        {
          parts: [
            { partId: 'tax', level: 5, reasons: [] },
            { partId: 'fund', level: 1, reasons: ['SLOW', 'MULTIPLE_VISITS'], comment: '跑了三次' },
          ],
        },
        context,
      ),
    ).toEqual([]);
  });

  it('names every problem at once, each at its path', () => {
    const problems = checkRating(
      {
        window: { level: 4, reasons: [] },
        parts: [
          { partId: 'tax', level: 6, reasons: [] },
          { partId: 'fund', level: 2, reasons: [] },
          { partId: 'registry', level: 4, reasons: ['ATTITUDE'] },
          { partId: 'tax', level: 1, reasons: ['SLOW', 'SLOW'], comment: `${'长'.repeat(501)}` },
          { partId: 'nowhere', level: 3, reasons: [] },
        ],
      },
      { ...context, partsRated: new Set(['fund']) },
    );
    expect(problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'window rating.notFinished',
      'parts.0.level rating.level',
      'parts.1.reasons rating.reasons',
      'parts.1.partId rating.already',
      'parts.2.reasons rating.reasonsForGood',
      'parts.2.partId rating.notFinished',
      'parts.3.reasons rating.reasonTwice',
      'parts.3.comment rating.comment',
      'parts.3.partId rating.twice',
      'parts.4.partId rating.part',
    ]);
    for (const p of problems) expect(p.message.zh.length * p.message.en.length).toBeGreaterThan(0);
    expect(problems.find((p) => p.rule === 'rating.already')!.message.zh).toContain('购房提取');
  });

  it('the window once the application is done with, and once', () => {
    const done = { ...context, status: 'COMPLETED' as const };
    expect(checkRating({ window: { level: 3, reasons: [] }, parts: [] }, done)).toEqual([]);
    expect(
      checkRating({ window: { level: 3, reasons: [] }, parts: [] }, { ...context, status: 'REJECTED' }),
    ).toEqual([]);
    expect(
      checkRating({ window: { level: 3, reasons: [] }, parts: [] }, { ...done, windowRated: true }).map(
        (p) => p.rule,
      ),
    ).toEqual(['rating.already']);
  });

  it('refuses nothing to rate, and characters a text field refuses', () => {
    expect(checkRating({ parts: [] }, context).map((p) => p.rule)).toEqual(['rating.empty']);
    expect(
      checkRating({ parts: [{ partId: 'tax', level: 5, reasons: [], comment: '好<script>' }] }, context).map(
        (p) => p.rule,
      ),
    ).toEqual(['rating.characters']);
  });

  it('the SDL’s RatingReason is the registry’s list', () => {
    const reason = buildSchema(hallSubgraphSdl(), { assumeValidSDL: true }).getType(
      'RatingReason',
    ) as GraphQLEnumType;
    expect(reason.getValues().map((v) => v.name)).toEqual([...RATING_REASON_CODES]);
  });
});
