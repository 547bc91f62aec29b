import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ANSWER_FOLLOW_UP, RATE_SERVICE, RATING_REASONS } from '../api/documents';
import type { Application, FollowUp, Part, ServiceRating } from '../api/types';
import { useI18n } from '../app/i18n';
import type { MessageKey } from '../app/messages';
import { CommentField } from './CommentField';
import { useDepartmentName } from './Department';
import { Notice } from './Layout';

/** A part its department decided: it may be rated (一事一评), whatever the rest. */
const DECIDED = new Set(['APPROVED', 'REJECTED']);
/** The application done with: its window's service may be rated. */
const FINAL = new Set(['COMPLETED', 'DELIVERED', 'REJECTED']);
/** The highest bad level (差评): 不满意, 非常不满意. */
const BAD = 2;

interface Given {
  level: number | null;
  reasons: string[];
  comment: string;
}
const blank: Given = { level: null, reasons: [], comment: '' };

/**
 * 好差评, 一事一评 (国办发〔2019〕51号): one row per part its department finished (named by its department) and
 * one for the window once the application is done with, each five levels, the reasons asked for a bad one;
 * one submit. Below, what was rated, and each bad rating's follow-up, which the applicant answers once it
 * is rectified.
 */
export function RatingSection({ application, onChanged }: { application: Application; onChanged(): void }) {
  const { t, l } = useI18n();
  const departmentName = useDepartmentName();
  const [{ data: reasonList }] = useQuery({ query: RATING_REASONS });
  const [state, rate] = useMutation(RATE_SERVICE);
  const [given, setGiven] = useState<Record<string, Given>>({});
  const rated = new Set(application.ratings.map((r) => r.part?.id ?? 'window'));
  const rows: { key: string; title: string; part: Part | null }[] = [
    ...application.parts
      .filter((p) => DECIDED.has(p.status) && !rated.has(p.id))
      .map((p) => ({ key: p.id, title: `${departmentName(p.department)} · ${l(p.name)}`, part: p })),
    ...(FINAL.has(application.status) && !rated.has('window')
      ? [{ key: 'window', title: t('rating.window'), part: null }]
      : []),
  ];
  if (rows.length === 0 && application.ratings.length === 0) return null;
  const set = (key: string, change: Partial<Given>) =>
    setGiven((g) => ({ ...g, [key]: { ...(g[key] ?? blank), ...change } }));
  const chosen = rows.filter((r) => given[r.key]?.level);
  const problems = (state.error?.graphQLErrors[0]?.extensions?.problems ?? []) as {
    path: string;
    message: { zh: string; en: string };
  }[];

  return (
    <section className="card" aria-labelledby="rating-title" data-rating-section>
      <h2 id="rating-title">{t('rating.title')}</h2>
      {application.ratings.length > 0 && (
        <ul className="ratings">
          {application.ratings.map((r) => (
            <RatingLine key={r.id} rating={r} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const of = (key: string) => {
              const g = given[key]!;
              return {
                level: g.level!,
                reasons: g.level! <= BAD ? (g.reasons as never[]) : [],
                comment: g.comment.trim() || null,
              };
            };
            const r = await rate({
              input: {
                applicationId: application.id,
                window: given.window?.level ? of('window') : null,
                parts: chosen.filter((x) => x.part).map((x) => ({ partId: x.key, ...of(x.key) })),
              },
            });
            if (!r.error) {
              setGiven({});
              onChanged();
            }
          }}
        >
          <p className="muted small">{t('rating.perPart')}</p>
          {rows.map((row) => {
            const g = given[row.key] ?? blank;
            return (
              <fieldset key={row.key} className="rating" data-rate={row.part ? row.part.itemCode : 'window'}>
                <legend>{row.title}</legend>
                <div className="choices">
                  {[5, 4, 3, 2, 1].map((n) => (
                    <label key={n} className="choice">
                      <input
                        type="radio"
                        name={`level-${row.key}`}
                        value={n}
                        checked={g.level === n}
                        onChange={() => set(row.key, { level: n })}
                      />
                      {t(`rating.level${n}` as MessageKey)}
                    </label>
                  ))}
                </div>
                {g.level !== null && g.level <= BAD && (
                  <fieldset className="reasons" data-reasons={row.key}>
                    <legend>{t('rating.reasons')}</legend>
                    <div className="choices">
                      {(reasonList?.ratingReasons ?? []).map((reason) => (
                        <label key={reason.code} className="choice">
                          <input
                            type="checkbox"
                            value={reason.code}
                            checked={g.reasons.includes(reason.code)}
                            onChange={(e) =>
                              set(row.key, {
                                reasons: e.target.checked
                                  ? [...g.reasons, reason.code]
                                  : g.reasons.filter((x) => x !== reason.code),
                              })
                            }
                          />
                          {l(reason.text)}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                )}
                {g.level !== null && (
                  <CommentField
                    id={`rating-comment-${row.key}`}
                    label={t('rating.comment')}
                    value={g.comment}
                    onChange={(comment) => set(row.key, { comment })}
                    rows={2}
                  />
                )}
              </fieldset>
            );
          })}
          {problems.length > 0 ? (
            <Notice kind="error">
              <ul>
                {problems.map((p) => (
                  <li key={`${p.path}-${p.message.en}`}>{l(p.message)}</li>
                ))}
              </ul>
            </Notice>
          ) : (
            state.error && (
              <Notice kind="error">{state.error.graphQLErrors[0]?.message ?? state.error.message}</Notice>
            )
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={chosen.length === 0 || state.fetching}
          >
            {t('rating.send')}
          </button>
        </form>
      )}
    </section>
  );
}

/** A rating given, and its follow-up when it was bad. */
function RatingLine({ rating, onChanged }: { rating: ServiceRating; onChanged(): void }) {
  const { t, l } = useI18n();
  const departmentName = useDepartmentName();
  const what = rating.part
    ? `${departmentName(rating.part.department)} · ${l(rating.part.name)}`
    : t('rating.window');
  return (
    <li data-rated={rating.part?.id ?? 'window'} data-level={rating.level}>
      <strong>{what}</strong>: {t(`rating.level${rating.level}` as MessageKey)}
      {rating.comment && <blockquote>{rating.comment}</blockquote>}
      {rating.followUp && <FollowUpLine followUp={rating.followUp} onChanged={onChanged} />}
    </li>
  );
}

/** Where the follow-up of the applicant's bad rating stands; once rectified, they say if it satisfies them. */
function FollowUpLine({ followUp, onChanged }: { followUp: FollowUp; onChanged(): void }) {
  const { t } = useI18n();
  const [state, answer] = useMutation(ANSWER_FOLLOW_UP);
  const [comment, setComment] = useState('');
  return (
    <div className="follow-up" data-follow-up={followUp.status}>
      <p className="small">
        {t(`followUp.status.${followUp.status}` as MessageKey)}
        {followUp.officerName && ` · ${t('followUp.calledBackBy', { name: followUp.officerName })}`}
      </p>
      {followUp.rectification && (
        <p className="small">{t('followUp.rectification', { text: followUp.rectification })}</p>
      )}
      {followUp.applicantView && (
        <p className="small">{t(`followUp.view.${followUp.applicantView}` as MessageKey)}</p>
      )}
      {followUp.status === 'RECTIFIED' && (
        <form
          onSubmit={(e) => e.preventDefault()}
          aria-label={t('followUp.answerTitle')}
          data-answer-follow-up={followUp.id}
        >
          <CommentField
            id={`follow-up-comment-${followUp.id}`}
            label={t('followUp.answerComment')}
            value={comment}
            onChange={setComment}
            rows={2}
          />
          {(['SATISFIED', 'NOT_SATISFIED'] as const).map((view) => (
            <button
              key={view}
              type="button"
              className={`button${view === 'SATISFIED' ? ' button--primary' : ''}`}
              disabled={state.fetching || (view === 'NOT_SATISFIED' && comment.trim() === '')}
              onClick={async () => {
                const r = await answer({ followUpId: followUp.id, view, comment: comment.trim() || null });
                if (!r.error) onChanged();
              }}
            >
              {t(`followUp.answer.${view}` as MessageKey)}
            </button>
          ))}
          {state.error && (
            <Notice kind="error">{state.error.graphQLErrors[0]?.message ?? state.error.message}</Notice>
          )}
        </form>
      )}
    </div>
  );
}
