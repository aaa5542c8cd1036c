using FieldSync.Core.Security;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Saved_user_is_found_with_role_and_facilities()
    {
        await Store.SaveUserAsync(new SyncUser("nurse-1", UserRole.HealthWorker, [FacilityB, FacilityA]), Token);
        await Store.SaveUserAsync(new SyncUser("admin-1", UserRole.FacilityAdmin, [FacilityC]), Token);

        var nurse = await Store.FindUserAsync("nurse-1", Token);
        var admin = await Store.FindUserAsync("admin-1", Token);

        Assert.Equal(("nurse-1", UserRole.HealthWorker), (nurse?.Id, nurse?.Role));
        Assert.Equal([FacilityA, FacilityB], nurse!.Facilities.Order(StringComparer.Ordinal));
        Assert.Equal(("admin-1", UserRole.FacilityAdmin), (admin?.Id, admin?.Role));
        Assert.Equal([FacilityC], admin!.Facilities);
    }

    [Fact]
    public async Task User_without_facilities_is_found_with_none()
    {
        await Store.SaveUserAsync(new SyncUser("integration", UserRole.System, []), Token);

        var user = await Store.FindUserAsync("integration", Token);

        Assert.Equal(UserRole.System, user?.Role);
        Assert.Empty(user!.Facilities);
    }

    [Fact]
    public async Task Saving_a_user_again_replaces_role_and_memberships()
    {
        await Store.SaveUserAsync(new SyncUser("nurse-1", UserRole.HealthWorker, [FacilityA, FacilityB]), Token);

        await Store.SaveUserAsync(new SyncUser("nurse-1", UserRole.FacilityAdmin, [FacilityB, FacilityC]), Token);

        var user = await Store.FindUserAsync("nurse-1", Token);
        Assert.Equal(UserRole.FacilityAdmin, user?.Role);
        Assert.Equal([FacilityB, FacilityC], user!.Facilities.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Saved_user_is_found_by_a_new_store_over_the_same_database()
    {
        await Store.SaveUserAsync(new SyncUser("nurse-1", UserRole.HealthWorker, [FacilityA]), Token);

        var restarted = await CreateStoreAsync();
        await restarted.InitializeAsync(Token);

        var user = await restarted.FindUserAsync("nurse-1", Token);
        Assert.Equal(UserRole.HealthWorker, user?.Role);
        Assert.Equal([FacilityA], user!.Facilities);
    }

    [Fact]
    public async Task Unknown_user_is_null()
    {
        await Store.SaveUserAsync(new SyncUser("nurse-1", UserRole.HealthWorker, [FacilityA]), Token);

        Assert.Null(await Store.FindUserAsync("nurse-2", Token));
        Assert.Null(await Store.FindUserAsync("NURSE-1", Token));
    }
}
