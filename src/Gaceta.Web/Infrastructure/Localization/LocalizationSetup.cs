using Gaceta.Site;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Infrastructure.Localization;

internal static class LocalizationSetup
{
    public static IServiceCollection AddReaderLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<InterfaceText>();
        services.Configure<RouteOptions>(o => o.ConstraintMap[LanguageRouteConstraint.Name] = typeof(LanguageRouteConstraint));
        services.AddOptions<RequestLocalizationOptions>().Configure<SiteLanguages>((options, languages) =>
        {
            var cultures = languages.All.Select(l => l.Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(languages.Default.Culture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The address decides the language. Accept-Language only matters where the address names none
            // (an error page for an unknown address); cookies and query strings never do, so cached pages
            // cannot depend on them.
            options.RequestCultureProviders =
            [
                new PathLanguageCultureProvider(languages),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseReaderLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(app.ApplicationServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
}
