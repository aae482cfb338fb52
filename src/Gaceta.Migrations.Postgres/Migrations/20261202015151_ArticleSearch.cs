using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaceta.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Full-text search: a generated, weighted tsvector over headline (A), standfirst (B) and body (C), built with
    /// the English or Spanish configuration by the article's language after removing accents, under a GIN
    /// index. <c>unaccent</c> is a trusted extension: a database owner may create it. Not in the EF model:
    /// searched with raw SQL.
    /// </summary>
    public partial class ArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            // unaccent() is only STABLE (it reads its dictionary); naming the dictionary makes a wrapper safe to
            // declare IMMUTABLE, as generated columns and indexes require.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION gaceta_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION gaceta_search_config(text) RETURNS regconfig
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT CASE $1 WHEN 'en' THEN 'pg_catalog.english'::regconfig
                                     WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
                                     ELSE 'pg_catalog.simple'::regconfig END $$;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Headline")), 'A') ||
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Standfirst")), 'B') ||
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Body")), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS gaceta_search_config(text);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS gaceta_unaccent(text);");
        }
    }
}
