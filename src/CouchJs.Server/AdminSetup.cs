using CouchJs.Config;

namespace CouchJs.Server;

/// <summary>
/// CouchDB 3 does not run without an admin. One comes from <c>[admins]</c>, from
/// <c>COUCHDB_USER</c>/<c>COUCHDB_PASSWORD</c> (applied by the config loader), or — on a terminal, first
/// run — from a prompt; it is stored hashed in local.ini.
/// </summary>
public static class AdminSetup
{
    public static void Ensure(CouchConfig config)
    {
        config.HashPlaintextAdmins();
        if (config.Section("admins").Count > 0) return;
        if (Console.IsInputRedirected)
            throw new StartupException(
                "no admin is configured. Set COUCHDB_USER and COUCHDB_PASSWORD, or add one under [admins] in local.ini " +
                "(name = password; it is hashed on start), or start once on a terminal to be asked.");
        Console.Write("No admin yet. Admin name: ");
        string name = Console.ReadLine()?.Trim() ?? "";
        Console.Write("Password: ");
        string password = ReadHidden();
        if (name.Length == 0 || password.Length == 0) throw new StartupException("an admin needs a name and a password.");
        config.Set("admins", name, password);
        config.HashPlaintextAdmins();
    }

    private static string ReadHidden()
    {
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else chars.Add(key.KeyChar);
        }
        Console.WriteLine();
        return new string([.. chars]);
    }
}
