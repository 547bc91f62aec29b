import type { Identity } from '@onething/runtime/identity';
import type { FormProblem } from '@onething/schema/forms';
import { subgraphError } from '@onething/subgraph-kit';
import type { AgentRef, DelegationLookup, StaffRef, VisitLookup } from '../acting/acting';
import type { Applicant } from '../applications/service';
import type { Clock } from '../calendar/clock';
import { beijingDate } from '../calendar/working-days';
import { isHallId } from '../ids';
import type { Delegation, DelegationDraft } from './model';
import { judgeActing, type Refusal } from './status';
import type { Delegations } from './store';
import { checkDelegation } from './validation';

/** The refusal of the status machine as the error the caller gets. */
export const refused = (r: Refusal) =>
  subgraphError(r.code, 'hall', r.en, { ...r.details, reason: { zh: r.zh, en: r.en } });

export interface DelegationDeps {
  readonly delegations: Delegations;
  /** Which of these upload ids are this person's own uploads. */
  readonly uploadsOf: (idNumber: string, ids: readonly string[]) => Promise<ReadonlySet<string>>;
  /** The codes of the hall's bundles. */
  readonly bundleCodes: () => ReadonlySet<string>;
  /** Window visits (the front desk's): whose visit `visitId` is, for recordDelegation. */
  readonly visits: VisitLookup;
  readonly clock: Clock;
}

/** What granting or recording answers: the delegation stored, or every problem of the input. */
export interface DelegationOutcome {
  readonly delegation?: Delegation;
  readonly problems: FormProblem[];
}

/**
 * Delegations (授权委托): granted online by the principal, recorded at a window from the signed paper,
 * revoked by the principal; read by its principal, its agent and window staff only; and, as the
 * {@link DelegationLookup} of acting/, the judge of an agent acting under one.
 */
export class DelegationService implements DelegationLookup {
  constructor(private readonly deps: DelegationDeps) {}

  /** Grants a delegation online, the signed-in applicant as principal. */
  grant(principal: Applicant, draft: DelegationDraft): Promise<DelegationOutcome> {
    return this.store(principal, draft, null);
  }

  /**
   * Records a delegation at a window from the signed power of attorney (scanned: required), for the
   * walk-in of the officer's visit as principal. The visit lookup refuses a visit that is not the
   * officer's (NOT_FOUND) or has expired (VISIT_EXPIRED).
   */
  async record(visitId: string, officer: Identity, draft: DelegationDraft): Promise<DelegationOutcome> {
    const visit = await this.deps.visits.visitFor(visitId, officer, this.deps.clock.now());
    return this.store(visit.applicant, draft, visit.officer);
  }

  private async store(
    principal: Applicant,
    draft: DelegationDraft,
    recordedBy: StaffRef | null,
  ): Promise<DelegationOutcome> {
    const { clock, uploadsOf, bundleCodes, delegations } = this.deps;
    const uploadId = draft.powerOfAttorneyUploadId?.trim();
    const principalUploads =
      uploadId && isHallId(uploadId) ? await uploadsOf(principal.idNumber, [uploadId]) : new Set<string>();
    const checked = checkDelegation(draft, {
      principalIdNumber: principal.idNumber,
      principalEnterprises: principal.enterprises,
      today: clock.today(),
      bundleCodes: bundleCodes(),
      principalUploads,
      powerOfAttorneyRequired: recordedBy !== null,
    });
    if (!checked.delegation) return { problems: checked.problems };
    const delegation = await delegations.create(
      {
        ...checked.delegation,
        principalIdNumber: principal.idNumber,
        principalName: principal.name,
        principalSubject: principal.subject,
        recordedBy,
      },
      clock.now(),
    );
    return { delegation, problems: [] };
  }

  /**
   * Revokes a delegation of the principal's: applications already handed in under it go on, new acts
   * are refused from now. Refused: anyone else's (NOT_FOUND), revoked or expired ones (DELEGATION_NOT_ACTIVE).
   */
  async revoke(principalIdNumber: string, id: string): Promise<Delegation> {
    const judged = isHallId(id)
      ? await this.deps.delegations.revoke(id, principalIdNumber, this.deps.clock.now())
      : undefined;
    if (!judged) throw subgraphError('NOT_FOUND', 'hall', `there is no delegation ${id} of yours`);
    if (!judged.ok) throw refused(judged.refusal);
    return judged.delegation;
  }

  /** The delegations a principal granted, newest first. */
  granted(principalIdNumber: string): Promise<Delegation[]> {
    return this.deps.delegations.byPrincipal(principalIdNumber);
  }

  /** The delegations naming someone as agent, newest first. */
  toAgent(agentIdNumber: string): Promise<Delegation[]> {
    return this.deps.delegations.toAgent(agentIdNumber);
  }

  /** Whether `identity` may learn of `d`: its principal, its agent, window staff; nobody else. */
  static mayRead(identity: Identity, d: Delegation): boolean {
    if (identity.role === 'window-staff') return true;
    return (
      identity.role === 'applicant' &&
      identity.idNumber !== undefined &&
      (identity.idNumber === d.principalIdNumber || identity.idNumber === d.agentIdNumber)
    );
  }

  /**
   * Whether `identity` may open `upload` as the agent of a delegation whose power of attorney it is (its
   * principal opens it as theirs; window staff open every upload): the agent keeps the paper that
   * empowers them, as one carries the signed original to a window.
   */
  async mayOpenPowerOfAttorney(identity: Identity, upload: { id: string }): Promise<boolean> {
    if (identity.role !== 'applicant' || !identity.idNumber) return false;
    return this.deps.delegations.powerOfAttorneyFor(upload.id, identity.idNumber);
  }

  async actingUnder(
    delegationId: string,
    agent: Identity,
    bundleCode: string | null,
    now: Date,
  ): Promise<{ principal: Applicant; agent: AgentRef }> {
    const d = isHallId(delegationId) ? await this.deps.delegations.get(delegationId) : undefined;
    const agentIdNumber = agent.role === 'applicant' ? agent.idNumber : undefined;
    if (!d || !agentIdNumber)
      throw subgraphError('NOT_FOUND', 'hall', `there is no delegation ${delegationId} naming you`);
    const judged = judgeActing(d, agentIdNumber, bundleCode, beijingDate(now));
    if (!judged.ok) throw refused(judged.refusal);
    return {
      principal: {
        idNumber: d.principalIdNumber,
        name: d.principalName,
        subject: d.principalSubject,
        role: 'applicant',
        // Under an enterprise delegation the agent acts for that enterprise only; under a personal one, none.
        enterprises: d.enterpriseUscc ? [d.enterpriseUscc] : [],
      },
      agent: { idNumber: agentIdNumber, name: agent.name || d.agentName, delegationId: d.id },
    };
  }
}
