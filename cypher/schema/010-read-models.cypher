// The per-capsule read model of the nested lists (src/db/read-models.ts): one node per capsule, keyed by its urn.
CREATE CONSTRAINT capsule_read_model_urn IF NOT EXISTS FOR (m:CapsuleReadModel) REQUIRE m.urn IS UNIQUE
