using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Media;

/// <summary>The photo library: uploads, the list, and the copies served to readers; settings <c>Media</c>.</summary>
public static class MediaModule
{
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MediaOptions>(configuration, MediaOptions.SectionName);
        services.AddSingleton<VariantLocks>();
        services.AddSingleton<MediaCache>();
        services.AddScoped<UploadMedia.Handler>();
        services.AddScoped<ListMedia.Handler>();
        services.AddScoped<ReadMediaVariant.Handler>();
        services.AddScoped<ReadMediaItem.Handler>();
        services.AddScoped<ListMediaUses.Handler>();
        services.AddScoped<ReadPlacedPhotos.Handler>();
        services.AddScoped<EditMedia.Handler>();
        services.AddScoped<DeleteMedia.Handler>();
        return services;
    }
}
