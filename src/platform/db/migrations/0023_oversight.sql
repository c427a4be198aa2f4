-- The users page lists accounts by name a page at a time: an index in that order, so a page is
-- read from the index rather than sorting every account.
create index app_user_display_name on app_user (display_name, id);
