-- The W3C trace context of the request (or event) that appended each outbox row, so that the relay, publishing later
-- from its own thread, puts the record in that trace (docs/events.md, Tracing). Null for rows appended outside any
-- trace and for rows appended before this migration: those are published as traces of their own.
alter table outbox_event
    add column traceparent text,
    add column tracestate  text;
