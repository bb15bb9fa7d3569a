-- The P2C targets catalogue (version 2026-11), from the P2C annual reports and the Broadband Commission's
-- 2025 targets. Codes are stable: pledges and analytics refer to them. The Secretariat adds targets through
-- the API (source SECRETARIAT); these rows are the catalogue's own (source CATALOGUE).
create table p2c_target (
    code        text primary key,
    focus_area  text        not null,
    target_year integer     not null,
    description text        not null,
    source      text        not null,
    added_by    text        not null,
    added_at    timestamptz not null
);

insert into p2c_target (code, focus_area, target_year, description, source, added_by, added_at) values
    ('ACC-INTERNET-USE', 'ACCESS', 2030, '100% of individuals aged 15 years and above use the Internet', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-MOBILE-OWNERSHIP', 'ACCESS', 2030, '100% of individuals aged 15 years and above own a mobile phone', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-HOUSEHOLDS', 'ACCESS', 2030, '100% of households are connected to the Internet', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-BUSINESSES', 'ACCESS', 2030, '100% of businesses are connected to the Internet', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-SCHOOLS', 'ACCESS', 2030, '100% of schools are connected to the Internet', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-SCHOOL-SPEED', 'ACCESS', 2030, 'Every school has at least 20 Mbit/s download speed', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-STUDENT-BANDWIDTH', 'ACCESS', 2030, '50 kbit/s of bandwidth per student', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-SCHOOL-DATA', 'ACCESS', 2030, 'A data allowance of 200 GB per school', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-BROADBAND-PENETRATION', 'ACCESS', 2025, 'Broadband user penetration of 75% worldwide, 65% in low- and middle-income countries and 35% in LDCs', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-FIXED-BROADBAND-SPEED', 'ACCESS', 2030, 'All fixed broadband at 10 Mbit/s or faster', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-NATIONAL-BROADBAND-PLAN', 'ACCESS', 2030, 'A national broadband plan in every country', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-AFFORDABILITY', 'ACCESS', 2025, 'Entry-level broadband below 2% of monthly GNI per capita', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACC-CYBERSECURITY', 'ACCESS', 2030, 'Improved cybersecurity preparedness', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ADO-DIGITAL-SKILLS-MINIMUM', 'ADOPTION', 2025, '60% of youth and adults achieve at least a minimum level of proficiency in sustainable digital skills', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ADO-BASIC-DIGITAL-SKILLS', 'ADOPTION', 2030, '70% of connected individuals have basic digital skills', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ADO-GENDER-PARITY', 'ADOPTION', 2030, 'Gender parity in Internet use', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('VAL-DIGITAL-FINANCIAL-SERVICES', 'VALUE_CREATION', 2025, '40% of the world''s population uses digital financial services', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z'),
    ('ACL-UNCONNECTED-MSMES-HALVED', 'ACCELERATE', 2025, 'The number of unconnected micro, small and medium enterprises is halved', 'CATALOGUE', 'catalogue-2026-11', '2026-11-01T00:00:00Z');

alter table pledge add column targets text[] not null default '{}';
create index pledge_targets on pledge using gin (targets) where status = 'VALIDATED';
