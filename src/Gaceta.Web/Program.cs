using Gaceta;
using Gaceta.Web.Features;
using Gaceta.Web.Features.Admin;
using Gaceta.Web.Features.Api;
using Gaceta.Web.Features.Media;
using Gaceta.Web.Features.Redirects;
using Gaceta.Web.Features.Newsletters;
using Gaceta.Web.Features.Subscribers;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Configuration;
using Gaceta.Web.Infrastructure.Database;
using Gaceta.Web.Infrastructure.Health;
using Gaceta.Web.Infrastructure.Localization;
using Gaceta.Web.Infrastructure.Redis;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

// A wrong setting stops the host with one clear line and exit code 78 (EX_CONFIG), not a stack trace; a schema older
// than the code with exit code 75 (EX_TEMPFAIL: it starts once the release step has migrated).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is OptionsValidationException invalid)
    {
        Console.Error.WriteLine($"Gaceta cannot start: {string.Join(" ", invalid.Failures)}");
        Environment.Exit(78);
    }

    if (e.ExceptionObject is Gaceta.Data.DatabaseSchemaException old)
    {
        Console.Error.WriteLine($"Gaceta cannot start: {old.Message}");
        Environment.Exit(75);
    }
};

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddGacetaOptions(builder.Configuration);
builder.Services.AddTransportSecurity();
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddGacetaCore(builder.Configuration);
builder.Services.AddReaderSite();
builder.Services.AddAdminArea();
builder.Services.AddNewsletterSending();
builder.Services.AddSubscriberArea();
builder.Services.AddApiEndpoints();
// Several nodes: the reader cache and per-client limits in Redis when ConnectionStrings:Redis is set.
builder.Services.AddSharedStateInRedis(builder.Configuration);
// Staff and subscriber sessions survive restarts and work on every node: the keys live in the database.
builder.Services.AddDataProtection().SetApplicationName("Gaceta").PersistKeysToDbContext<Gaceta.Data.GacetaDb>();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseAdminNoStore();
app.UseExceptionHandler("/error/500");
app.UseStatusCodePagesWithReExecute("/error/{0}");
// Photo copies already made are files that never change: answered like static files, before the rest.
app.UseMadeMediaCopies();
// An old address is looked up only once nothing else answered it.
app.UseRedirectsForMissingPages();
if (app.Services.GetRequiredService<IOptions<ReaderCacheOptions>>().Value.Enabled)
{
    // Next: a cached reader page is answered before anything else runs.
    app.UseOutputCache();
}

// After the cache: cached pages are the same whoever asks; handlers below need the real client address.
app.UseForwardedHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseStaffAccountChecks();
app.UseReaderLocalization();
app.UseAuthorization();

app.MapHealth();
app.MapReaderSite();
app.MapAdminArea();
app.MapApi();

app.Run();

/// <summary>The web host's entry point, visible to the HTTP-level tests.</summary>
public partial class Program;
