using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gaceta.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Gaceta.Web.Features.Api;

/// <summary>
/// The JSON API's wiring: key authentication, the writers' policy, problem details, the OpenAPI document at
/// <c>/api/v1/openapi.json</c> and its interactive reference at <c>/api/v1/reference</c>.
/// </summary>
internal static class ApiFeature
{
    public const string DocumentPath = PublicApi.Prefix + "/openapi.json";

    public const string ReferencePath = PublicApi.Prefix + "/reference";

    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Escapes what HTML and JavaScript give meaning to (<c>&lt;</c>, <c>&amp;</c>, quotes) and no letter of any script.</summary>
    public static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static IServiceCollection AddApiEndpoints(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PublicApi.WriterPolicy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(StaffPermissions.ApiKeyRoles.Where(r => StaffPermissions.Has(r, StaffCapability.WriteStories))));
        services.AddProblemDetails();
        // Outcomes and states read as words in the API, not as numbers; letters as they are.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JsonEncoder;
        });
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gaceta API",
                    Version = "v1",
                    Description = "Published stories, articles, sections and search, in every language; writes with an API key (Authorization: Bearer gk_…).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key made by an administrator in the staff area.",
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPublicApi();
        endpoints.MapOpenApi(PublicApi.Prefix + "/openapi.json").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(10)));
        endpoints.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Gaceta API")
                .DisableDefaultFonts()
                .WithOpenApiRoutePattern(DocumentPath))
            .Add(endpoint =>
            {
                // The reference page starts itself with inline scripts and styles; only it may.
                var next = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    context.Response.Headers.ContentSecurityPolicy = ReferencePolicy;
                    return next(context);
                };
            });
        return endpoints;
    }
}
