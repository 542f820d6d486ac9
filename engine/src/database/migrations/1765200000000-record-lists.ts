import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record lists at scale: typed accessors for expression indexes, a full-text search
 * vector every write keeps current (CJK text as unigrams and bigrams, other scripts as
 * words — no extension needed, so it runs on PGlite too), a GIN index on the data for
 * equality filters, the normalised keys behind unique fields and duplicate checks,
 * saved views, import jobs, public form links and their rate-limit counters.
 */
export class RecordLists1765200000000 implements MigrationInterface {
  name = 'RecordLists1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION liuyun_num(v jsonb) RETURNS numeric
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN (v #>> '{}')::numeric END $$;

      -- RFC 3339 date-times carry their offset, so the cast does not depend on the session.
      CREATE FUNCTION liuyun_ts(v text) RETURNS timestamptz
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
        AS $$
        BEGIN
          IF v IS NULL OR v !~ '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)$' THEN
            RETURN NULL;
          END IF;
          RETURN v::timestamptz;
        EXCEPTION WHEN others THEN
          RETURN NULL;
        END $$;

      -- Every string in the data (sub-form rows included), capped so a huge text cannot
      -- overflow a tsvector.
      CREATE FUNCTION liuyun_search_text(d jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$
          SELECT left(coalesce(string_agg(v #>> '{}', ' '), ''), 20000)
            FROM jsonb_path_query(d, 'strict $.** ? (@.type() == "string")') AS v
        $$;

      -- Search terms: NFKC (full-width to half-width), lower case; words of letters and
      -- digits; runs of CJK characters as single characters and bigrams.
      CREATE FUNCTION liuyun_search_terms(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$
          WITH runs AS (
            SELECT m[1] AS run, m[1] ~ '^[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af]' AS cjk
              FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)),
                '([a-z0-9\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]+|[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af]+)',
                'g') AS m
          )
          SELECT coalesce(array_agg(DISTINCT term), '{}') FROM (
            SELECT left(run, 64) AS term FROM runs WHERE NOT cjk
            UNION ALL
            SELECT substr(run, i, 1) FROM runs, generate_series(1, length(run)) AS i WHERE cjk
            UNION ALL
            SELECT substr(run, i, 2) FROM runs, generate_series(1, length(run) - 1) AS i WHERE cjk
          ) AS terms
        $$;

      ALTER TABLE records ADD COLUMN search tsvector
        GENERATED ALWAYS AS (array_to_tsvector(liuyun_search_terms(liuyun_search_text(data)))) STORED;
      CREATE INDEX records_search_idx ON records USING gin (search);
      CREATE INDEX records_data_idx ON records USING gin (data jsonb_path_ops);
      CREATE INDEX records_form_updated_idx ON records (form_id, updated_at, id);
      CREATE INDEX records_form_creator_idx ON records (form_id, created_by, created_at DESC, id DESC);

      -- Expression indexes made on demand for sorting and range filters (one per form and field).
      CREATE TABLE record_indexes (
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        field text NOT NULL,
        kind text NOT NULL,
        index_name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (form_id, field, kind)
      );

      -- Normalised values of unique and duplicate-checked fields. The partial unique
      -- index is what makes a unique field safe under concurrent submissions.
      CREATE TABLE record_keys (
        record_id uuid NOT NULL REFERENCES records(id),
        form_id uuid NOT NULL REFERENCES forms(id),
        field text NOT NULL,
        key text NOT NULL,
        is_unique boolean NOT NULL,
        PRIMARY KEY (record_id, field)
      );
      CREATE UNIQUE INDEX record_keys_unique_idx ON record_keys (form_id, field, key) WHERE is_unique;
      CREATE INDEX record_keys_lookup_idx ON record_keys (form_id, field, key);

      CREATE TABLE record_views (
        id uuid PRIMARY KEY,
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        view_type text NOT NULL,
        config jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX record_views_user_idx ON record_views (user_id, form_id, created_at);

      CREATE TABLE record_imports (
        id uuid PRIMARY KEY,
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        file_name text NOT NULL,
        file_format text NOT NULL,
        content bytea,
        status text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX record_imports_user_idx ON record_imports (user_id, created_at DESC);

      CREATE TABLE public_links (
        form_id uuid PRIMARY KEY REFERENCES forms(id) ON DELETE CASCADE,
        token text NOT NULL UNIQUE,
        enabled boolean NOT NULL,
        submitter_id uuid NOT NULL REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE public_submit_counts (
        client text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (client, window_start)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE public_submit_counts; DROP TABLE public_links; DROP TABLE record_imports;
      DROP TABLE record_views; DROP TABLE record_keys; DROP TABLE record_indexes;
      DROP INDEX records_form_creator_idx; DROP INDEX records_form_updated_idx;
      DROP INDEX records_data_idx; DROP INDEX records_search_idx;
      ALTER TABLE records DROP COLUMN search;
      DROP FUNCTION liuyun_search_terms(text); DROP FUNCTION liuyun_search_text(jsonb);
      DROP FUNCTION liuyun_ts(text); DROP FUNCTION liuyun_num(jsonb);
    `);
  }
}
