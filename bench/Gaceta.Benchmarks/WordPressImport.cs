using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Importing.WordPress;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Benchmarks;

/// <summary>
/// <c>wordpress-import [posts] [file]</c>: writes a WordPress export of that many posts (10,000 by default: 5,000
/// English–Spanish pairs joined by Polylang, in ten categories, block-editor bodies of a few paragraphs, no media)
/// and imports it into a new SQLite database, printing posts per second and the process's peak resident memory.
/// </summary>
internal static class WordPressImport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var posts = args is [var first, ..] ? int.Parse(first, CultureInfo.InvariantCulture) : 10_000;
        var work = Directory.CreateTempSubdirectory("gaceta-wxr-bench-");
        try
        {
            var file = Path.Combine(work.FullName, "export.xml");
            Write(file, posts);
            var services = new ServiceCollection();
            services.AddLogging();
            services.Configure<SiteOptions>(o => o.Languages = ["en", "es"]);
            services.Configure<DatabaseOptions>(o =>
            {
                o.Provider = DatabaseProvider.Sqlite;
                o.ConnectionString = $"Data Source={Path.Combine(work.FullName, "gaceta.db")}";
            });
            services.AddGacetaCore(new ConfigurationBuilder().Build());
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            GC.Collect();
            var before = Environment.WorkingSet;
            var watch = Stopwatch.StartNew();
            Gaceta.Importing.ImportReport report;
            await using (var scope = provider.CreateAsyncScope())
            await using (var export = File.OpenRead(file))
            {
                report = await scope.ServiceProvider.GetRequiredService<ImportWordPress.Handler>()
                    .HandleAsync(new ImportWordPress.Command(export, false, new Actor("bench", "Benchmark", StaffRoles.Editor)), CancellationToken.None);
            }

            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{posts:N0} posts, export {new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB, SQLite, {Environment.ProcessorCount} cores"));
            Console.WriteLine(report.Summary());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:0.0} s, {posts / watch.Elapsed.TotalSeconds:0} posts/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak resident {PeakMegabytes():0} MB (working set {before / 1048576.0:0} MB before the import)"));
            return report.Failed ? 1 : 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Write(string file, int posts)
    {
        const string Wp = "http://wordpress.org/export/1.2/";
        using var xml = XmlWriter.Create(file, new XmlWriterSettings { Indent = true, Async = false });
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, "http://wordpress.org/export/1.2/excerpt/");
        xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
        xml.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
        xml.WriteAttributeString("xmlns", "wp", null, Wp);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", "Bench Gazette");
        xml.WriteElementString("link", "http://bench.example");
        xml.WriteElementString("language", "en-US");
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, "http://bench.example");
        xml.WriteStartElement("author", Wp);
        xml.WriteElementString("author_login", Wp, "desk");
        xml.WriteElementString("author_display_name", Wp, "News Desk");
        xml.WriteEndElement();
        for (var c = 0; c < 10; c++)
        {
            foreach (var (language, offset) in new[] { ("en", 0), ("es", 100) })
            {
                xml.WriteStartElement("category", Wp);
                xml.WriteElementString("term_id", Wp, (c + offset + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteElementString("category_nicename", Wp, $"{language}-topic-{c}");
                xml.WriteElementString("cat_name", Wp, $"Topic {c} ({language})");
                xml.WriteEndElement();
            }

            Term(xml, Wp, "term_translations", $"pll_cat{c}", $"a:2:{{s:2:\"en\";i:{c + 1};s:2:\"es\";i:{c + 101};}}");
        }

        for (var pair = 0; pair < posts / 2; pair++)
        {
            Term(xml, Wp, "post_translations", $"pll_{pair}", $"a:2:{{s:2:\"en\";i:{(pair * 2) + 1};s:2:\"es\";i:{(pair * 2) + 2};}}");
        }

        for (var i = 0; i < posts; i++)
        {
            var language = i % 2 == 0 ? "en" : "es";
            var pair = i / 2;
            xml.WriteStartElement("item");
            xml.WriteElementString("title", $"Story {pair} about the harbour ({language})");
            xml.WriteElementString("link", $"http://bench.example/2025/0{(pair % 9) + 1}/story-{pair}-{language}/");
            xml.WriteElementString("creator", "http://purl.org/dc/elements/1.1/", "desk");
            xml.WriteStartElement("encoded", "http://purl.org/rss/1.0/modules/content/");
            xml.WriteCData(string.Concat(Enumerable.Range(0, 6).Select(p => $"<!-- wp:paragraph -->\n<p>Paragraph {p} of story {pair}: the council met on <strong>Tuesday</strong> and <a href=\"https://example.org/{pair}\">voted</a> on the plan.</p>\n<!-- /wp:paragraph -->\n\n")));
            xml.WriteEndElement();
            xml.WriteStartElement("encoded", "http://wordpress.org/export/1.2/excerpt/");
            xml.WriteCData($"The short version of story {pair}.");
            xml.WriteEndElement();
            xml.WriteElementString("post_id", Wp, (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("post_date_gmt", Wp, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(pair * 37).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteElementString("post_name", Wp, $"story-{pair}-{language}");
            xml.WriteElementString("status", Wp, "publish");
            xml.WriteElementString("post_type", Wp, "post");
            Category(xml, "language", language, language);
            Category(xml, "post_translations", $"pll_{pair}", $"pll_{pair}");
            Category(xml, "category", $"{language}-topic-{pair % 10}", $"Topic {pair % 10} ({language})");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Term(XmlWriter xml, string wp, string taxonomy, string slug, string description)
    {
        xml.WriteStartElement("term", wp);
        xml.WriteElementString("term_taxonomy", wp, taxonomy);
        xml.WriteElementString("term_slug", wp, slug);
        xml.WriteElementString("term_name", wp, slug);
        xml.WriteElementString("term_description", wp, description);
        xml.WriteEndElement();
    }

    private static void Category(XmlWriter xml, string domain, string slug, string name)
    {
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", domain);
        xml.WriteAttributeString("nicename", slug);
        xml.WriteCData(name);
        xml.WriteEndElement();
    }

    private static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
