from django.http import HttpResponse

from sendtrack.accounts.access import partnership_view


@partnership_view()
def dashboard(request, access):
    return HttpResponse("todo")


my_actions = plan_detail = plan_export = risk_register = action_detail = dashboard
action_add_update = action_edit = action_archive = risk_edit = finding_detail = dashboard
