-- SLA clocks in business hours, per team (DESIGN.md "Managers"): a team may count its targets in
-- working time only (its time zone, working days, and the hours of the working day), while a team without
-- a time zone counts around the clock, as before.
ALTER TABLE "teams" ADD COLUMN "slaTimeZone" TEXT;
ALTER TABLE "teams" ADD COLUMN "slaWorkdays" INTEGER[] NOT NULL DEFAULT ARRAY[1, 2, 3, 4, 5];
ALTER TABLE "teams" ADD COLUMN "slaDayStartMinute" INTEGER NOT NULL DEFAULT 540;
ALTER TABLE "teams" ADD COLUMN "slaDayEndMinute" INTEGER NOT NULL DEFAULT 1080;
ALTER TABLE "teams" ADD CONSTRAINT "teams_sla_day" CHECK ("slaDayStartMinute" >= 0 AND "slaDayStartMinute" < "slaDayEndMinute" AND "slaDayEndMinute" <= 1440);

-- When a clock started at start and counting minutes of working time falls due: walks the working
-- days in the time zone (DST included, local times), skipping nights and days off.
-- NULL when no working time is found within 800 days (no working day at all).
-- The body is an escaped string with each semicolon written as the octal escape 073: the
-- migration runner splits a script at every semicolon, inside quotes too.
CREATE FUNCTION "sla_business_due"(start timestamptz, minutes float8, tz text, workdays integer[], day_start integer, day_end integer)
  RETURNS timestamptz LANGUAGE plpgsql STABLE AS E'
DECLARE
  remaining float8 := minutes * 60\073
  t timestamptz := start\073
  local_ts timestamp\073
  day_start_ts timestamp\073
  open_ts timestamp\073
  close_ts timestamp\073
  avail float8\073
  guard int := 0\073
BEGIN
  IF minutes <= 0 THEN
    RETURN start\073
  END IF\073
  LOOP
    guard := guard + 1\073
    IF guard > 800 THEN
      RETURN NULL\073
    END IF\073
    local_ts := t AT TIME ZONE tz\073
    day_start_ts := date_trunc(''day'', local_ts)\073
    open_ts := day_start_ts + make_interval(mins => day_start)\073
    close_ts := day_start_ts + make_interval(mins => day_end)\073
    IF extract(isodow FROM local_ts)::int = ANY(workdays) AND local_ts < close_ts THEN
      local_ts := GREATEST(local_ts, open_ts)\073
      avail := extract(epoch FROM close_ts - local_ts)\073
      IF remaining <= avail THEN
        RETURN (local_ts + make_interval(secs => remaining)) AT TIME ZONE tz\073
      END IF\073
      remaining := remaining - avail\073
    END IF\073
    t := (day_start_ts + interval ''1 day'') AT TIME ZONE tz\073
  END LOOP\073
END
';
