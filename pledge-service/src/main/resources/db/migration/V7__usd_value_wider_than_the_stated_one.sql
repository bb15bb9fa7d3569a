-- An amount stated in a currency worth more than the dollar (GBP, EUR, CHF) is larger in USD than as stated: the USD
-- column holds up to 18 integer digits where the stated amount holds 15 (as reporting-service's disbursed_usd).
alter table pledge alter column value_usd type numeric(20, 2);
