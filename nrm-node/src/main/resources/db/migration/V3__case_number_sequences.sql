-- Case numbers come from one sequence per year, created on first use. Unlike the counter row, a
-- sequence is not held locked until commit, so concurrent creations no longer queue behind each
-- other. A rolled-back creation leaves a gap in the numbers, which is harmless.
CREATE FUNCTION next_case_number(y integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    seq text := 'case_number_' || y;
BEGIN
    RETURN nextval(seq);
EXCEPTION WHEN undefined_table THEN
    BEGIN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
        NULL; -- a concurrent first creation of the year made it meanwhile
    END;
    RETURN nextval(seq);
END $$;

-- Carry on from the numbers already given.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT year, last_number FROM case_reference_counter LOOP
        EXECUTE format('CREATE SEQUENCE case_number_%s START WITH %s', c.year, c.last_number + 1);
    END LOOP;
END $$;

DROP TABLE case_reference_counter;
