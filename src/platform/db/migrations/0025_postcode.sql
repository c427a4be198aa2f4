-- Issue 13: the postcode reference the SSDA903 placement facts (distance, LA of placement, in
-- or out of area) are worked out from. Loaded from the ONS Postcode Directory an authority
-- supplies (`haven reference load-postcodes`), or outside production from the synthetic table in
-- reference/postcodes/ that covers the synthetic data. PostgreSQL 15 syntax.
--
-- `postcode` is the key a return's postcode is matched on: upper case without spaces, either a
-- full postcode ('RM176AB') or a postcode sector ('RM176', the partial postcode SSDA903 asks
-- for), whose point is the mean of its postcodes' and whose LA the one most of them lie in.
create table postcode (
  postcode       text primary key check (postcode ~ '^[A-Z0-9]{2,7}$'),
  kind           text not null check (kind in ('unit', 'sector')),
  -- OS grid reference in metres; null when the directory gives none.
  easting        integer,
  northing       integer,
  -- ONS codes: the lower-tier LA (district or unitary) and the upper tier (county or unitary),
  -- the children's services authority.
  la_code        text,
  upper_la_code  text,
  source         text not null check (source in ('ons', 'synthetic')),
  -- Which load wrote the row: a re-load removes the rows an earlier load of the source wrote.
  load_id        text not null
);

-- The Ofsted provider list the SSDA903 rules check a placement's URN against (the validators'
-- "Provider Info"): loaded with `haven reference load-providers`, in Haven's own columns.
create table ofsted_provider (
  urn             text primary key check (urn ~ '^[A-Z0-9]{1,12}$'),
  postcode        text,
  upper_la_code   text,
  registered_on   date,
  closed_on       date,
  -- The SSDA903 PLACE and PLACE_PROVIDER codes the setting can be.
  place_codes     text[] not null default '{}',
  provider_codes  text[] not null default '{}',
  load_id         text not null
);
