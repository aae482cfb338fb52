using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaceta.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search: an FTS5 table over the articles' headline, standfirst and body (accents and case folded by
    /// the unicode61 tokenizer), kept in step with the Articles table by triggers. Not in the EF model: searched
    /// with raw SQL. A later migration that rebuilds the Articles table must recreate the triggers.
    /// </summary>
    public partial class ArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
                    "Headline", "Standfirst", "Body",
                    content='Articles', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"(rowid, "Headline", "Standfirst", "Body") VALUES (new."Id", new."Headline", new."Standfirst", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Delete" AFTER DELETE ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Headline", "Standfirst", "Body") VALUES ('delete', old."Id", old."Headline", old."Standfirst", old."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_Search_Update" AFTER UPDATE OF "Headline", "Standfirst", "Body" ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Headline", "Standfirst", "Body") VALUES ('delete', old."Id", old."Headline", old."Standfirst", old."Body");
                    INSERT INTO "ArticleSearch"(rowid, "Headline", "Standfirst", "Body") VALUES (new."Id", new."Headline", new."Standfirst", new."Body");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
        }
    }
}
