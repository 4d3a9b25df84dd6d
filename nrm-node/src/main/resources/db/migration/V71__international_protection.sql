-- International protection (HTCDS): asylum seeker, refugee, complementary protection, stateless. While
-- set, the case is never shared with its country of origin, whatever do_not_contact_origin says.
ALTER TABLE case_file ADD COLUMN international_protection_status varchar(30);
ALTER TABLE case_file ADD COLUMN asylum_applied_on date;
