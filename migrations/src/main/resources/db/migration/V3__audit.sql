-- The audit log is append-only in the database too (docs/audit.md). These triggers stop the application, a migration
-- or a careless operator from changing history by mistake; they are not a defence against a superuser, who can
-- disable them: the hash chain is what detects that.

create function audit_forbid_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% on % is not allowed: the audit log is append-only', tg_op, tg_table_name
        using errcode = 'insufficient_privilege',
              hint = 'audit records are never changed or purged; see docs/audit.md';
end;
$$;

-- Statement level, so that it also covers TRUNCATE and fires even when no row matches.
create trigger audit_record_append_only
    before update or delete or truncate on audit_record
    for each statement execute function audit_forbid_change();

create trigger audit_head_keep
    before delete or truncate on audit_head
    for each statement execute function audit_forbid_change();

-- The head only ever moves forward by one, onto the record that was just appended.
create function audit_head_advance_only() returns trigger
    language plpgsql as
$$
begin
    if new.id <> old.id or new.seq <> old.seq + 1
        or not exists (select 1 from audit_record r where r.seq = new.seq and r.hash = new.hash) then
        raise exception 'audit_head may only advance to the record just appended (seq % -> %)', old.seq, new.seq
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger audit_head_advance_only
    before update on audit_head
    for each row execute function audit_head_advance_only();
