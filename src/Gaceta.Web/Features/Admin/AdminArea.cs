using Gaceta.Staff;
using Microsoft.AspNetCore.Authentication;
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
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddTokenProvider<AuthenticatorTokenProvider<StaffMember>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // Between the password and the code: a short-lived cookie naming the account, for the staff area only.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = "gaceta-staff-2fa";
            cookie.Cookie.Path = PathPrefix;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gaceta-staff";
            // Only the staff area reads it: reader pages stay cookie-free and cacheable.
            cookie.Cookie.Path = PathPrefix;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = PathPrefix + "/sign-out";
            cookie.Events = new CookieAuthenticationEvents
            {
                OnSigningIn = context =>
                {
                    // The first sign-in's time stays with the session through renewals and refreshes.
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                },
                OnValidatePrincipal = ValidateSessionAsync,
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

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(StaffRoles.All))
            .AddPolicy(WriterPolicy, p => p.RequireRole(StaffPermissions.RolesWith(StaffCapability.WriteStories)))
            .AddPolicy(PublisherPolicy, p => p.RequireRole(StaffPermissions.RolesWith(StaffCapability.Publish)))
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(StaffPermissions.RolesWith(StaffCapability.Administer)));

        services.Configure<RazorPagesOptions>(options =>
        {
            var conventions = options.Conventions;
            conventions.AuthorizeFolder("/Admin", StaffPolicy);
            conventions.AllowAnonymousToPage("/Admin/Account/SignIn");
            conventions.AllowAnonymousToPage("/Admin/Account/TwoFactorSignIn");
            conventions.AuthorizePage("/Admin/Articles/New", WriterPolicy);
            conventions.AuthorizeFolder("/Admin/Media", WriterPolicy);
            conventions.AuthorizeFolder("/Admin/Polls", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Redirects", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Imports", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Subscribers", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Newsletters", PublisherPolicy);
            conventions.AuthorizeFolder("/Admin/Staff", AdministratorPolicy);
            conventions.AuthorizeFolder("/Admin/Audit", AdministratorPolicy);
            conventions.AuthorizeFolder("/Admin/Api", AdministratorPolicy);
        });
        services.PostConfigure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new StaffLanguageCultureProvider()));
        services.AddHostedService<ScheduledPublishingService>();
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    private const string SignedInAtItem = "gaceta:signed-in-at";

    /// <summary>The staff area's own pages a person may reach while an account check holds them back.</summary>
    private static readonly string[] AccountPaths = ["/admin/account", "/admin/sign-out", "/admin/sign-in", "/admin/language"];

    /// <summary>
    /// A session lasts <see cref="StaffOptions.AbsoluteSessionHours"/> from signing in however active it is, and
    /// only while the account's security stamp is the one it was signed in with (checked on every request; a role
    /// change renews the stamp too, so the person signs in again with the new role).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var hours = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StaffOptions>>().Value.AbsoluteSessionHours;
        var expired = !context.Properties.Items.TryGetValue(SignedInAtItem, out var since)
            || !DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedInAt)
            || now - signedInAt > TimeSpan.FromHours(hours);

        // Every request, not every few minutes: signing out, a new password or a reset second factor renews the
        // account's stamp, and every other cookie of the account stops working at once, copies included.
        if (expired || context.Principal is null
            || await services.GetRequiredService<SignInManager<StaffMember>>().ValidateSecurityStampAsync(context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// Holds a signed-in staff member at the account pages until their account is in order: a password set by
    /// someone else is changed first, then a role that needs a second factor enrols one. Pages are sent there; the
    /// staff API answers 403.
    /// </summary>
    public static IApplicationBuilder UseStaffAccountChecks(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var user = context.User;
            if (!IsAdminPath(context.Request.Path) || user.Identity?.IsAuthenticated != true
                || AccountPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                return next(context);
            }

            string? required = null;
            if (user.HasClaim(c => c.Type == StaffClaimsFactory.MustChangePasswordClaim))
            {
                required = "/admin/account/password";
            }
            else if (!user.HasClaim(c => c.Type == StaffClaimsFactory.TwoFactorClaim)
                && context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<StaffOptions>>().Value.RolesNeedingTwoFactor.Any(user.IsInRole))
            {
                required = "/admin/account/two-factor";
            }

            if (required is null)
            {
                return next(context);
            }

            if (IsApi(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            context.Response.Redirect(required);
            return Task.CompletedTask;
        });

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
