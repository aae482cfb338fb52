using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaceta.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Moves the search vector out of the Articles table into a narrow table of its own, "ArticleSearch", that
    /// holds one row per published article: its id, language, publication time and vector. A trigger on Articles
    /// keeps it in step in the same transaction (a draft, scheduled or unpublished article has no row). Its rows
    /// are small because the vector is always stored out of line (toast_tuple_target, EXTERNAL storage), so
    /// reading every match of a common word from the GIN index visits a few hundred pages instead of the
    /// Articles table's tens of thousands; the vectors themselves are read only to rank. Not in the EF model:
    /// searched with raw SQL.
    /// </summary>
    public partial class SearchIndexTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION gaceta_article_vector(language text, headline text, standfirst text, body text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT setweight(to_tsvector(gaceta_search_config(language), gaceta_unaccent(coalesce(headline, ''))), 'A') ||
                             setweight(to_tsvector(gaceta_search_config(language), gaceta_unaccent(coalesce(standfirst, ''))), 'B') ||
                             setweight(to_tsvector(gaceta_search_config(language), gaceta_unaccent(coalesce(body, ''))), 'C') $$;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleSearch" (
                    "ArticleId" integer NOT NULL PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
                    "Language" character varying(10) NOT NULL,
                    "PublishedAt" timestamp with time zone NOT NULL,
                    "Vector" tsvector NOT NULL
                ) WITH (toast_tuple_target = 128);
                """);
            migrationBuilder.Sql("""ALTER TABLE "ArticleSearch" ALTER COLUMN "Vector" SET STORAGE EXTERNAL;""");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION gaceta_article_search_sync() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF NEW."Status" = 'Published' AND NEW."PublishedAt" IS NOT NULL THEN
                        INSERT INTO "ArticleSearch" ("ArticleId", "Language", "PublishedAt", "Vector")
                        VALUES (NEW."Id", NEW."Language", NEW."PublishedAt",
                                gaceta_article_vector(NEW."Language", NEW."Headline", NEW."Standfirst", NEW."Body"))
                        ON CONFLICT ("ArticleId") DO UPDATE
                            SET "Language" = EXCLUDED."Language", "PublishedAt" = EXCLUDED."PublishedAt", "Vector" = EXCLUDED."Vector";
                    ELSE
                        DELETE FROM "ArticleSearch" WHERE "ArticleId" = NEW."Id";
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search" AFTER INSERT OR UPDATE OF "Language", "Headline", "Standfirst", "Body", "Status", "PublishedAt"
                ON "Articles" FOR EACH ROW EXECUTE FUNCTION gaceta_article_search_sync();
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ArticleSearch" ("ArticleId", "Language", "PublishedAt", "Vector")
                SELECT "Id", "Language", "PublishedAt", gaceta_article_vector("Language", "Headline", "Standfirst", "Body")
                FROM "Articles" WHERE "Status" = 'Published' AND "PublishedAt" IS NOT NULL;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_ArticleSearch_Vector" ON "ArticleSearch" USING GIN ("Vector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_Search" ON "Articles";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS gaceta_article_search_sync();");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS gaceta_article_vector(text, text, text, text);");
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Headline")), 'A') ||
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Standfirst")), 'B') ||
                    setweight(to_tsvector(gaceta_search_config("Language"), gaceta_unaccent("Body")), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }
    }
}
