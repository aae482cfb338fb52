using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Subscribers.EntityConfigurations;

/// <summary>How <see cref="Subscription"/> is stored.</summary>
internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.HasOne(s => s.Newsletter).WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasIndex(s => new { s.SubscriberId, s.NewsletterId }).IsUnique();
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.Grant).HasConversion<string>().HasMaxLength(20);
        subscription.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        subscription.HasMany(s => s.ConsentRecords).WithOne().HasForeignKey(c => c.SubscriptionId);
    }
}
