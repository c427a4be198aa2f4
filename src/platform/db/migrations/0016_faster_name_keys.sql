-- The name keys behind every person's generated search columns, made cheaper with the same
-- results: loading a demo authority of 80,000 people spent most of its time in them.
--
-- haven_name_key: the long accent table in translate() is scanned for every character, yet it
-- maps only non-ASCII letters, so a name in plain ASCII (nearly all of them) skips it.
create or replace function haven_name_key(value text) returns text
  language sql immutable strict parallel safe
  as $$
    select regexp_replace(lower(case when value ~ '^[\x01-\x7f]*$' then value else translate(value,
      'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹłŁøØđĐıħĦ',
      'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyllooddihh') end),
      '[^a-z]', '', 'g')
  $$;

-- haven_name_sound: the same steps as 0004, without the sub-select that stopped PostgreSQL
-- inlining them; the folded key is passed to a helper instead, so it is computed once.
create function haven_name_sound_of_folded(folded text) returns text
  language sql immutable strict parallel safe
  as $$
    select left(folded, 1) || regexp_replace(regexp_replace(substr(folded, 2), '[aeiouhwy]', '', 'g'), '(.)\1+', '\1', 'g')
  $$;

create or replace function haven_name_sound(value text) returns text
  language sql immutable strict parallel safe
  as $$
    select haven_name_sound_of_folded(
      regexp_replace(replace(translate(haven_name_key(value), 'cqzv', 'kksf'), 'ph', 'f'), '(.)\1+', '\1', 'g'))
  $$;
