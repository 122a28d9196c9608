from django.core.management.base import BaseCommand

from documents.demo import demo_load


class Command(BaseCommand):
    help = "Загрузить демонстрационный кластер транспорта, его организации, пользователей и план."

    def handle(self, *args, **options):
        logins = demo_load()
        self.stdout.write("Демо-данные загружены. Входы (имя / пароль / роль):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:12} {password:20} {role}")
