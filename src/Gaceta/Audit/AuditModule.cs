using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Audit;

/// <summary>The audit log: written by the use cases it records, read by administrators.</summary>
public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<ReadAuditLog.Handler>();
        return services;
    }
}
