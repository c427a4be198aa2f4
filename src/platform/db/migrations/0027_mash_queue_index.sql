-- The MASH queue lists children in triage, waiting for authorisation (0018), and known children
-- whose contact waits for their allocated worker (0024). Its one index (0005) covered only the
-- first two statuses, so the queue and its counts read every contact child on each page view.
-- The predicate is the queue's own, word for word, so PostgreSQL can prove the index applies.
drop index contact_child_open;
create index contact_child_queue on contact_child (id)
  where status in ('awaiting_match', 'in_triage', 'awaiting_authorisation')
     or (status = 'routed_to_allocated_worker' and decision is null);
