-- The profiles update's own "registered once" flag is replaced by default_task (V9), shared by every default
-- schedule; a database that already registered it keeps that fact.
insert into default_task (name)
select 'profiles-update' from profile_update_state where id = 1 and default_task_registered
on conflict do nothing;
alter table profile_update_state drop column default_task_registered;
