/**
 * The SSDA903's records, read from the modules' published views only: people's
 * `people_return_person_v` and `people_relationship_v`, care's `care_episode_v`, `care_review_v`,
 * `care_previous_permanence_v`, `care_missing_v`, `care_uasc_v`, `care_adoption_v`, `care_leaver_v`
 * `care_oc2_v` and `care_dolo_v`, and the front door's `frontdoor_social_worker_episode_v`. Children in keyset batches, then one query per view for the whole batch (as the
 * CIN census's export): no per-child round trips, memory bounded by the batch.
 */
import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.js'
import type { CollectionYear } from '../collection-year.js'
import type { AdoptionRow, EpisodeRow, LookedAfterPerson, OtherRecords, ReviewRow } from './model.js'

/** Children read per batch. */
export const BATCH = 2_000

/**
 * Children with an episode of care open at some point from `from` to the year's end (`from` is
 * last year's start when last year's tables are written too), or a care leaver's contact about a
 * birthday in that time, after person `after`, in id order.
 * Deleted records are left out; restricted children are in (the return names no one).
 */
export async function childrenLookedAfterAfter(
  db: Db,
  year: CollectionYear,
  from: string,
  after: number,
  limit = BATCH,
): Promise<LookedAfterPerson[]> {
  const { rows } = await sql<{
    id: number | string
    la_child_id: string
    date_of_birth: string | null
    sex: string | null
    ethnicity: string | null
    upn: string | null
    upn_unknown_reason: string | null
    mother_of_child_born: string | null
  }>`
    select p.id, coalesce(p.la_child_id, p.id::text) as la_child_id, p.date_of_birth, p.sex,
           p.ethnicity, p.upn, p.upn_unknown_reason,
           -- A girl's own child: she is recorded as its mother.
           (select min(b.date_of_birth)
              from people_relationship_v r
              join people_return_person_v b on b.id = r.related_person_id
             where r.person_id = p.id and r.relationship_type = 'mother' and r.deleted_at is null
               and b.deleted_at is null) as mother_of_child_born
      from people_return_person_v p
     where p.deleted_at is null
       and p.kind = 'child'
       and p.id > ${after}
       and (exists (
         select 1
           from care_episode_v e
          where e.child_id = p.id
            and e.decom <= ${year.end}::date
            and (e.dec is null or e.dec >= ${from}::date))
         or exists (
         select 1
           from care_leaver_v l
          where l.child_id = p.id
            and l.birthday between ${from}::date and ${year.end}::date))
     order by p.id
     limit ${limit}
  `.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    laChildId: r.la_child_id,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    ethnicity: r.ethnicity,
    upn: r.upn,
    upnUnknownReason: r.upn_unknown_reason,
    motherOfChildBorn: r.mother_of_child_born,
  }))
}

/**
 * Every episode, review, previous permanence, missing episode, UASC status and adoption record of
 * these children, in date order.
 */
export async function careRecordsOf(
  db: Db,
  children: readonly number[],
): Promise<{ episodes: EpisodeRow[]; reviews: ReviewRow[] } & Required<OtherRecords>> {
  if (children.length === 0)
    return {
      episodes: [],
      reviews: [],
      permanence: [],
      missing: [],
      uasc: [],
      adoption: [],
      careLeaver: [],
      oc2: [],
      socialWorkers: [],
      dolo: [],
    }
  const list = `{${children.join(',')}}`
  const [episodes, reviews, permanence, missing, uasc, adoption, careLeaver, oc2, workers, dolo] =
    await Promise.all([
      sql<{
        child_id: number | string
        decom: string
        rne: string
        ls: string
        cin: string
        place: string
        place_provider: string | null
        dec: string | null
        rec: string | null
        reason_place_change: string | null
        home_post: string | null
        pl_post: string | null
        urn: string | null
      }>`
      select e.child_id, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, e.dec, e.rec,
             e.reason_place_change, e.home_post, e.pl_post, e.urn
        from care_episode_v e
       where e.child_id = any(${list}::bigint[])
       order by e.child_id, e.decom, e.episode_id
    `.execute(db),
      sql<{ child_id: number | string; held_on: string; participation: string }>`
      select r.child_id, r.held_on, r.participation
        from care_review_v r
       where r.child_id = any(${list}::bigint[])
       order by r.child_id, r.held_on, r.review_id
    `.execute(db),
      sql<{
        child_id: number | string
        period_start: string
        prev_perm: string
        date_perm: string | null
        la_perm: string | null
      }>`
      select p.child_id, p.period_start, p.prev_perm, p.date_perm, p.la_perm
        from care_previous_permanence_v p
       where p.child_id = any(${list}::bigint[])
       order by p.child_id, p.period_start, p.period_id
    `.execute(db),
      sql<{ child_id: number | string; missing: string; mis_start: string; mis_end: string | null }>`
      select m.child_id, m.missing, m.mis_start, m.mis_end
        from care_missing_v m
       where m.child_id = any(${list}::bigint[])
       order by m.child_id, m.mis_start, m.missing_id
    `.execute(db),
      sql<{ child_id: number | string; uasc_from: string; duc: string | null }>`
      select u.child_id, u.uasc_from, u.duc
        from care_uasc_v u
       where u.child_id = any(${list}::bigint[])
       order by u.child_id
    `.execute(db),
      sql<{
        child_id: number | string
        period_start: string
        period_end: string | null
        date_placed: string
        date_placed_ceased: string | null
        reason_placed_ceased: string | null
        date_match: string | null
        nb_adoptr: number | string | null
        sex_adoptr: string | null
        ls_adoptr: string | null
        foster_care: boolean | null
        adopted_on: string | null
      }>`
      select a.child_id, a.period_start, a.period_end, a.date_placed, a.date_placed_ceased,
             a.reason_placed_ceased, a.date_match, a.nb_adoptr, a.sex_adoptr, a.ls_adoptr,
             a.foster_care, a.adopted_on
        from care_adoption_v a
       where a.child_id = any(${list}::bigint[])
         and a.date_placed is not null
       order by a.child_id, a.period_start, a.period_id
    `.execute(db),
      sql<{ child_id: number | string; birthday: string; in_touch: string; activ: string; accom: string }>`
      select l.child_id, l.birthday, l.in_touch, l.activ, l.accom
        from care_leaver_v l
       where l.child_id = any(${list}::bigint[])
       order by l.child_id, l.birthday
    `.execute(db),
      sql<{
        child_id: number | string
        kind: string
        occurred_on: string
        code: string | null
        up_to_date: boolean | null
        sdq_score: number | string | null
      }>`
      select o.child_id, o.kind, o.occurred_on, o.code, o.up_to_date, o.sdq_score
        from care_oc2_v o
       where o.child_id = any(${list}::bigint[])
       order by o.child_id, o.occurred_on, o.kind, o.code, o.sdq_score, o.up_to_date
    `.execute(db),
      sql<{
        child_id: number | string
        sw_id: string
        sw_decom: string
        sw_dec: string | null
        sw_reason: string | null
      }>`
      select w.child_id, w.sw_id, w.sw_decom, w.sw_dec, w.sw_reason
        from frontdoor_social_worker_episode_v w
       where w.child_id = any(${list}::bigint[])
       order by w.child_id, w.sw_decom, w.grant_id
    `.execute(db),
      sql<{ child_id: number | string; dolo_start: string; dolo_end: string | null }>`
      select d.child_id, d.dolo_start, d.dolo_end
        from care_dolo_v d
       where d.child_id = any(${list}::bigint[])
       order by d.child_id, d.dolo_start, d.dolo_id
    `.execute(db),
    ])
  return {
    episodes: episodes.rows.map((e) => ({
      childId: Number(e.child_id),
      start: e.decom,
      end: e.dec,
      reasonNew: e.rne,
      legalStatus: e.ls,
      categoryOfNeed: e.cin,
      placement: e.place,
      provider: e.place_provider,
      reasonCeased: e.rec,
      reasonPlaceChange: e.reason_place_change,
      homePostcode: e.home_post,
      placementPostcode: e.pl_post,
      urn: e.urn,
    })),
    reviews: reviews.rows.map((r) => ({
      childId: Number(r.child_id),
      date: r.held_on,
      participation: r.participation,
    })),
    permanence: permanence.rows.map((p) => ({
      childId: Number(p.child_id),
      periodStart: p.period_start,
      kind: p.prev_perm,
      date: p.date_perm,
      la: p.la_perm,
    })),
    missing: missing.rows.map((m) => ({
      childId: Number(m.child_id),
      kind: m.missing,
      start: m.mis_start,
      end: m.mis_end,
    })),
    uasc: uasc.rows.map((u) => ({ childId: Number(u.child_id), from: u.uasc_from, ceased: u.duc })),
    adoption: adoption.rows.map((a): AdoptionRow => ({
      childId: Number(a.child_id),
      periodStart: a.period_start,
      periodEnd: a.period_end,
      decision: a.date_placed,
      reversed:
        a.date_placed_ceased === null
          ? null
          : { date: a.date_placed_ceased, reason: a.reason_placed_ceased ?? '' },
      matched: a.date_match,
      adopters: a.nb_adoptr === null ? null : Number(a.nb_adoptr),
      adopterSexes: a.sex_adoptr,
      adopterLegalStatus: a.ls_adoptr,
      byFosterCarer: a.foster_care,
      adopted: a.adopted_on,
    })),
    careLeaver: careLeaver.rows.map((l) => ({
      childId: Number(l.child_id),
      birthday: l.birthday,
      inTouch: l.in_touch,
      activity: l.activ,
      accommodation: l.accom,
    })),
    oc2: oc2.rows.map((o) => ({
      childId: Number(o.child_id),
      kind: o.kind,
      on: o.occurred_on,
      code: o.code,
      upToDate: o.up_to_date,
      sdqScore: o.sdq_score === null ? null : Number(o.sdq_score),
    })),
    socialWorkers: workers.rows.map((w) => ({
      childId: Number(w.child_id),
      workerId: w.sw_id,
      start: w.sw_decom,
      end: w.sw_dec,
      reason: w.sw_reason,
    })),
    dolo: dolo.rows.map((d) => ({ childId: Number(d.child_id), start: d.dolo_start, end: d.dolo_end })),
  }
}
