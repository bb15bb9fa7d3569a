-- An amount stated in a currency worth more than the dollar (GBP, CHF) is larger in USD than as stated: the USD
-- column holds up to 18 integer digits where the stated amount holds 15.
alter table progress_report alter column disbursed_usd type numeric(20, 2);
