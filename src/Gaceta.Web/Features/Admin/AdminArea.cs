using Gaceta.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// The staff area under <c>/admin</c>: sign-in with Identity, role policies on every page, antiforgery on every
/// form, never cached, in each staff member's language.
/// </summary>
internal static class AdminArea
{
    public const string PathPrefix = "/admin";

    /// <summary>Any staff role.</summary>
    public const string StaffPolicy = "Staff";

    /// <summary>Everyone who may start a story: reporters, editors and administrators.</summary>
    public const string WriterPolicy = "Writer";

    /// <summary>Editors and administrators.</summary>
    public const string PublisherPolicy = "Publisher";

    /// <summary>Administrators only.</summary>
    public const string AdministratorPolicy = "Administrator";

    public const string SignInPath = PathPrefix + "/sign-in";

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddAdminArea(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(StaffMember), typeof(IdentityRole), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gaceta-staff";
            // Only the staff area reads it: reader pages stay cookie-free and cacheable.
            cookie.Cookie.Path = PathPrefix;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = PathPrefix + "/sign-out";
            cookie.Events = new CookieAuthenticationEvents
            {
                // Pages send people to the sign-in form; the staff API answers 401 and 403 as they are.
                OnRedirectToLogin = context => IsApi(context.Request.Path) ? Status(context, StatusCodes.Status401Unauthorized) : Redirect(context),
                OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden),
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gaceta-staff-af";
            o.Cookie.Path = PathPrefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "gaceta-staff-notice";
            o.Cookie.Path = PathPrefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // A role change or a removed account takes effect within a minute, not at the cookie's end.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(StaffRoles.All))
            .AddPolicy(WriterPolicy, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Reporter))
            .AddPolicy(PublisherPolicy, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.Editor))
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(StaffRoles.Administrator));

        services.Configure<RazorPagesOptions>(options =>
        {
            var conventions = options.Conventions;
            conventions.AuthorizeFolder("/Admin", StaffPolicy);
            conventions.AllowAnonymousToPage("/Admin/Account/SignIn");
            conventions.AuthorizePage("/Admin/Stories/New", WriterPolicy);
            conventions.AuthorizeFolder("/Admin/Polls", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Subscribers", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Editions", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Staff", AdministratorPolicy);
            conventions.AuthorizeFolder("/Admin/Audit", AdministratorPolicy);
            conventions.AuthorizeFolder("/Admin/ApiKeys", AdministratorPolicy);
        });
        services.PostConfigure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new StaffLanguageCultureProvider()));
        services.AddHostedService<ScheduledPublishingService>();
        services.AddSingleton<SignInRateLimiter>();
        return services;
    }

    /// <summary>Staff responses are personal: never stored by browsers or proxies.</summary>
    public static IApplicationBuilder UseAdminNoStore(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (IsAdminPath(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

    public static IEndpointRouteBuilder MapAdminArea(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffApi();
        return endpoints;
    }

    internal static bool IsApi(PathString path) => path.StartsWithSegments(StaffApi.Prefix, StringComparison.OrdinalIgnoreCase);

    private static Task Status(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
