-- People: the rest of a person's record (identifiers, ethnicity, disability, language, death),
-- other names, address history and family and household relationships; name keys for search.
-- Written for PostgreSQL 15 (PGlite runs 18: no newer syntax here). No extensions: the name keys
-- are plain SQL, so search behaves the same on PGlite and on a server.

-- A name reduced for matching: lower case, accents dropped, anything but a–z removed, so
-- "O'Brien", "o brien" and "OBrien" meet, as do "Zoë" and "Zoe", "Smith-Jones" and "Smithjones".
-- The letters mapped are the Latin ones with diacritics (U+00C0–U+017F, U+1E00–U+1EFF) and a few
-- without a decomposition (ł, ø, đ, ı, ħ); translate() and lower() need no collation or Unicode
-- normalisation support from the server.
-- `src/modules/people/model.ts` (nameKey) mirrors this; an integration test keeps them in step.
create function haven_name_key(value text) returns text
  language sql immutable strict parallel safe
  as $$
    select regexp_replace(lower(translate(value,
      'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹłŁøØđĐıħĦ',
      'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyllooddihh')),
      '[^a-z]', '', 'g')
  $$;

-- A sound key for spelling variants: the first letter kept, then c/q→k, z→s, v→f, ph→f,
-- vowels and h, w, y dropped and doubled letters collapsed ("Smith"/"Smyth",
-- "Catherine"/"Kathryn", "Mohammed"/"Muhammad"). Mirrored by soundKey in model.ts.
create function haven_name_sound(value text) returns text
  language sql immutable strict parallel safe
  as $$
    select left(k, 1) || regexp_replace(regexp_replace(substr(k, 2), '[aeiouhwy]', '', 'g'), '(.)\1+', '\1', 'g')
    from (
      select regexp_replace(replace(translate(haven_name_key(value), 'cqzv', 'kksf'), 'ph', 'f'), '(.)\1+', '\1', 'g') as k
    ) keyed
  $$;

alter table person
  add column gender_identity    text check (length(gender_identity) <= 100),
  add column ethnicity          text check (ethnicity in ('WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT')),
  add column disabilities       text[] not null default '{}'
    check (disabilities <@ array['NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA']::text[]
           and (not ('NONE' = any (disabilities)) or cardinality(disabilities) = 1)),
  add column first_language     text check (length(first_language) <= 100),
  add column nhs_number         text check (nhs_number ~ '^[0-9]{10}$'),
  add column upn                text check (upn ~ '^[A-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
  add column former_upn         text check (former_upn ~ '^[A-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
  add column upn_unknown_reason text check (upn_unknown_reason in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7')),
  add column date_of_death      date,
  add column created_by         bigint references app_user (id),
  add column given_key          text generated always as (haven_name_key(given_name)) stored,
  add column family_key         text generated always as (haven_name_key(family_name)) stored,
  add column given_sound        text generated always as (haven_name_sound(given_name)) stored,
  add column family_sound       text generated always as (haven_name_sound(family_name)) stored,
  -- A UPN and a reason it is unknown contradict each other.
  add constraint person_upn_or_reason check (upn is null or upn_unknown_reason is null),
  add constraint person_death_after_birth check (date_of_death is null or date_of_birth is null or date_of_death >= date_of_birth),
  add constraint person_unborn_has_no_birth check (kind <> 'unborn' or date_of_birth is null);

-- One live record per NHS number and per UPN: a second is a duplicate to merge, not to create.
create unique index person_nhs_number on person (nhs_number) where nhs_number is not null and deleted_at is null;
create unique index person_upn on person (upn) where upn is not null and deleted_at is null;
create index person_date_of_birth on person (date_of_birth) where deleted_at is null;
create index person_family_key on person (family_key, given_key);
create index person_family_sound on person (family_sound, given_sound);
create index person_given_key on person (given_key, family_key);

-- 0001 named an index on person "person_name"; tables and indexes share one namespace.
alter index person_name rename to person_family_given_lower;

-- Other names: known-as names, names at birth, previous names and aliases.
create table person_name (
  id             bigint generated always as identity primary key,
  person_id      bigint not null references person (id),
  kind           text not null check (kind in ('known_as', 'birth', 'previous', 'alias')),
  given_name     text not null check (length(given_name) between 1 and 100),
  family_name    text not null check (length(family_name) between 1 and 100),
  given_key      text generated always as (haven_name_key(given_name)) stored,
  family_key     text generated always as (haven_name_key(family_name)) stored,
  given_sound    text generated always as (haven_name_sound(given_name)) stored,
  family_sound   text generated always as (haven_name_sound(family_name)) stored,
  created_at     timestamptz not null default now(),
  deleted_at     timestamptz,
  deleted_reason text,
  check ((deleted_at is null) = (deleted_reason is null))
);
create index person_name_person on person_name (person_id);
create index person_name_family_key on person_name (family_key, given_key) where deleted_at is null;
create index person_name_family_sound on person_name (family_sound, given_sound) where deleted_at is null;
create index person_name_given_key on person_name (given_key, family_key) where deleted_at is null;

-- Where a person has lived. An open-ended row (no to_date) is the current address: one at most.
create table person_address (
  id             bigint generated always as identity primary key,
  person_id      bigint not null references person (id),
  line_1         text not null check (length(line_1) between 1 and 200),
  line_2         text check (length(line_2) <= 200),
  town           text check (length(town) <= 100),
  postcode       text check (length(postcode) <= 10),
  postcode_key   text generated always as (upper(replace(postcode, ' ', ''))) stored,
  from_date      date not null,
  to_date        date,
  created_at     timestamptz not null default now(),
  deleted_at     timestamptz,
  deleted_reason text,
  check ((deleted_at is null) = (deleted_reason is null)),
  check (to_date is null or to_date >= from_date)
);
create index person_address_person on person_address (person_id, from_date);
create index person_address_postcode on person_address (postcode_key) where deleted_at is null;
create unique index person_address_one_current on person_address (person_id)
  where to_date is null and deleted_at is null;

-- Family and household: how the person relates to another (read "person is <type> of related").
create table person_relationship (
  id                bigint generated always as identity primary key,
  person_id         bigint not null references person (id),
  related_person_id bigint not null references person (id),
  relationship_type text not null check (relationship_type in (
    'mother', 'father', 'parent', 'step_parent', 'carer', 'guardian', 'special_guardian',
    'grandparent', 'sibling', 'half_sibling', 'step_sibling', 'aunt_or_uncle', 'cousin',
    'partner', 'other_relative', 'household_member', 'other')),
  household_member  boolean not null default false,
  from_date         date,
  to_date           date,
  created_at        timestamptz not null default now(),
  deleted_at        timestamptz,
  deleted_reason    text,
  check ((deleted_at is null) = (deleted_reason is null)),
  check (person_id <> related_person_id),
  check (to_date is null or from_date is null or to_date >= from_date)
);
create index person_relationship_person on person_relationship (person_id) where deleted_at is null;
create index person_relationship_related on person_relationship (related_person_id) where deleted_at is null;
