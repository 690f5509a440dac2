// These tests drive bash, the AWS CLI and Debian's Chromium: Linux (CI) and other Unix systems only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
